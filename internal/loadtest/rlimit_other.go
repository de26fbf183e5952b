//go:build !unix

package loadtest

import "errors"

// raiseOpenFiles is not supported here; the fan-out mode needs a Unix.
func raiseOpenFiles(need uint64) (uint64, error) {
	return 0, errors.New("raising the open files limit needs a Unix system")
}
