package metrics

import (
	"bufio"
	"math"
	"strconv"
	"strings"
)

// expoWriter writes the text exposition format. It ignores write errors
// until the final Flush, where bufio reports the first one.
type expoWriter struct {
	w *bufio.Writer
}

// family writes the HELP and TYPE lines that open a metric family.
func (e *expoWriter) family(name, typ, help string) {
	e.w.WriteString("# HELP ")
	e.w.WriteString(name)
	e.w.WriteByte(' ')
	e.w.WriteString(escapeHelp(help))
	e.w.WriteString("\n# TYPE ")
	e.w.WriteString(name)
	e.w.WriteByte(' ')
	e.w.WriteString(typ)
	e.w.WriteByte('\n')
}

// sample writes one line: name, the labels given as name/value pairs, and
// a value already formatted by formatFloat or strconv.
func (e *expoWriter) sample(name, value string, labels ...string) {
	e.w.WriteString(name)
	if len(labels) > 0 {
		e.w.WriteByte('{')
		for i := 0; i+1 < len(labels); i += 2 {
			if i > 0 {
				e.w.WriteByte(',')
			}
			e.w.WriteString(labels[i])
			e.w.WriteString(`="`)
			e.w.WriteString(escapeLabel(labels[i+1]))
			e.w.WriteByte('"')
		}
		e.w.WriteByte('}')
	}
	e.w.WriteByte(' ')
	e.w.WriteString(value)
	e.w.WriteByte('\n')
}

// escapeHelp escapes a HELP text: backslash and line feed.
func escapeHelp(s string) string {
	if !strings.ContainsAny(s, "\\\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, "\n", `\n`).Replace(s)
}

// escapeLabel escapes a label value: backslash, double quote and line feed.
func escapeLabel(s string) string {
	if !strings.ContainsAny(s, "\\\"\n") {
		return s
	}
	return strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`).Replace(s)
}

// formatFloat formats v as Prometheus parses it: Go float syntax, with the
// infinities and NaN spelled +Inf, -Inf and NaN.
func formatFloat(v float64) string {
	switch {
	case math.IsInf(v, 1):
		return "+Inf"
	case math.IsInf(v, -1):
		return "-Inf"
	case math.IsNaN(v):
		return "NaN"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// formatUint formats an integer counter exactly.
func formatUint(v uint64) string {
	return strconv.FormatUint(v, 10)
}
