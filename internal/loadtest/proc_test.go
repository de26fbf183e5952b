package loadtest

import "testing"

const statusText = `Name:	tribune
Umask:	0022
State:	S (sleeping)
Pid:	4242
VmPeak:	 1266544 kB
VmSize:	 1266544 kB
VmHWM:	   41236 kB
VmRSS:	   38112 kB
RssAnon:	   20000 kB
Threads:	9
`

func TestParseStatus(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		want    Memory
		wantErr bool
	}{
		{"real status", statusText, Memory{RSS: 38112 * 1024, Peak: 41236 * 1024}, false},
		{"zombie has no Vm lines", "Name:\tx\nState:\tZ (zombie)\n", Memory{}, true},
		{"missing peak", "VmRSS:\t 10 kB\n", Memory{}, true},
		{"bad unit", "VmRSS:\t 10 MB\nVmHWM:\t 10 kB\n", Memory{}, true},
		{"not a number", "VmRSS:\t ten kB\nVmHWM:\t 10 kB\n", Memory{}, true},
	}
	for _, tt := range tests {
		got, err := ParseStatus(tt.text)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("%s: ParseStatus() = %+v, %v; want %+v, error %v", tt.name, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestParseMachineCPU(t *testing.T) {
	text := "cpu  100 5 50 1000 20 3 2 1 7 0\ncpu0 50 2 25 500 10 1 1 0 0 0\n"
	busy, total, err := ParseMachineCPU(text)
	// busy = user+nice+system+irq+softirq+steal; total adds idle and iowait.
	if err != nil || busy != 161 || total != 1181 {
		t.Errorf("ParseMachineCPU() = %d, %d, %v; want 161, 1181, nil", busy, total, err)
	}
	if _, _, err := ParseMachineCPU("intr 1 2 3\n"); err == nil {
		t.Errorf("ParseMachineCPU(no cpu line) = nil error, want an error")
	}
}

func TestParseProcessCPU(t *testing.T) {
	tests := []struct {
		text    string
		want    int64
		wantErr bool
	}{
		{"4242 (tribune) S 1 4242 4242 0 -1 4194560 900 0 0 0 150 30 0 0 20 0 9 0 100 0 0", 180, false},
		{"77 (odd) name) R 1 77 77 0 -1 0 0 0 0 0 7 3 0 0 20 0 1 0 5 0 0", 10, false},
		{"4242 (tribune) S 1 2", 0, true},
		{"no parenthesis", 0, true},
	}
	for _, tt := range tests {
		got, err := ParseProcessCPU(tt.text)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ParseProcessCPU(%q) = %d, %v; want %d, error %v", tt.text, got, err, tt.want, tt.wantErr)
		}
	}
}
