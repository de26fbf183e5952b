package importer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/gif" // register decoders for image.DecodeConfig
	_ "image/jpeg"
	_ "image/png"
	"io"
	"io/fs"
	"net/http"
)

// errNotImage is returned for files that are not a supported picture.
var errNotImage = errors.New("not a JPEG, PNG, GIF or WebP image")

// imageFile is a checked image ready for Store.SaveImage.
type imageFile struct {
	data          []byte
	contentType   string
	width, height int
}

// readImage reads and checks one image: it must exist, be at most the size
// cap, be JPEG, PNG, GIF or WebP by its bytes (not its name), and have a
// readable size.
func (im *Importer) readImage(fsys fs.FS, name string) (imageFile, error) {
	f, err := fsys.Open(name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return imageFile{}, fmt.Errorf("not found (looked for %s)", name)
		}
		return imageFile{}, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.IsDir() {
		return imageFile{}, fmt.Errorf("%s is a folder", name)
	}
	data, err := io.ReadAll(io.LimitReader(f, im.maxImageBytes+1))
	if err != nil {
		return imageFile{}, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(len(data)) > im.maxImageBytes {
		return imageFile{}, fmt.Errorf("larger than %s; export a smaller version", sizeText(im.maxImageBytes))
	}
	img := imageFile{data: data, contentType: http.DetectContentType(data)}
	switch img.contentType {
	case "image/jpeg", "image/png", "image/gif":
		cfg, _, err := image.DecodeConfig(bytes.NewReader(data))
		if err != nil {
			return imageFile{}, fmt.Errorf("damaged %s: %w", img.contentType, err)
		}
		img.width, img.height = cfg.Width, cfg.Height
	case "image/webp":
		if img.width, img.height, err = webpSize(data); err != nil {
			return imageFile{}, err
		}
	default:
		return imageFile{}, fmt.Errorf("%w (it looks like %s)", errNotImage, img.contentType)
	}
	if img.width <= 0 || img.height <= 0 {
		return imageFile{}, fmt.Errorf("image has no size (%dx%d)", img.width, img.height)
	}
	return img, nil
}

// webpSize reads a WebP file's size from its first chunk header; the
// standard library has no WebP decoder. The three chunk kinds are lossy
// (VP8), lossless (VP8L) and extended (VP8X).
func webpSize(b []byte) (w, h int, err error) {
	bad := errors.New("damaged image/webp: unreadable header")
	if len(b) < 30 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WEBP" {
		return 0, 0, bad
	}
	switch string(b[12:16]) {
	case "VP8 ":
		if b[23] != 0x9d || b[24] != 0x01 || b[25] != 0x2a {
			return 0, 0, bad
		}
		w = int(binary.LittleEndian.Uint16(b[26:28]) & 0x3fff)
		h = int(binary.LittleEndian.Uint16(b[28:30]) & 0x3fff)
	case "VP8L":
		if b[20] != 0x2f {
			return 0, 0, bad
		}
		bits := binary.LittleEndian.Uint32(b[21:25])
		w = int(bits&0x3fff) + 1
		h = int(bits>>14&0x3fff) + 1
	case "VP8X":
		w = (int(b[24]) | int(b[25])<<8 | int(b[26])<<16) + 1
		h = (int(b[27]) | int(b[28])<<8 | int(b[29])<<16) + 1
	default:
		return 0, 0, bad
	}
	return w, h, nil
}

// sizeText writes a byte count the way editors read file sizes.
func sizeText(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
