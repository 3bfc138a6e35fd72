package rules

import (
	"fmt"
	"strings"
	"testing"

	yaml2 "go.yaml.in/yaml/v2"
	"go.yaml.in/yaml/v3"

	"github.com/greylint/greylint/lint"
)

// caseVariants returns every spelling of word in upper and lower case
// letters (2^len of them).
func caseVariants(word string) []string {
	out := []string{""}
	for _, r := range word {
		var next []string
		for _, prefix := range out {
			next = append(next, prefix+strings.ToLower(string(r)), prefix+strings.ToUpper(string(r)))
		}
		out = next
	}
	return out
}

// yaml11Findings lints a config whose configmap holds value, plain, and
// returns the findings on it.
func yaml11Findings(t *testing.T, value string) (src string, found []lint.Diagnostic) {
	t.Helper()
	src = "configmaps:\n  - name: flags\n    data:\n      KEY: " + value + "\nservices:\n  - name: web\n    image: nginx\n    envFrom:\n      - configMapRef:\n          name: flags\n"
	at := strings.Index(src, "KEY: ") + len("KEY: ")
	for _, d := range lintCase(t, "config.yaml", []byte(src)) {
		if d.Range.Start == at {
			found = append(found, d)
		}
	}
	return src, found
}

// TestYAML11BooleansEverySpelling: every upper/lower-case spelling of yes,
// no, on, off, y, n, true and false as a configmap value, against go-yaml
// v2 (the YAML 1.1 parser Kubernetes' sigs.k8s.io/yaml runs) and yaml.v3.
// A spelling v2 reads as a boolean gets exactly one finding with a safe
// fix: yaml11-value when v3 reads text, invalid-type when v3 reads a
// boolean too. A spelling v2 reads as text gets none. After the fix both
// parsers read the original text.
func TestYAML11BooleansEverySpelling(t *testing.T) {
	flagged := 0
	for _, word := range []string{"yes", "no", "on", "off", "y", "n", "true", "false"} {
		for _, v := range caseVariants(word) {
			var v2 any
			if err := yaml2.Unmarshal([]byte(v), &v2); err != nil {
				t.Fatal(err)
			}
			var v3 yaml.Node
			if err := yaml.Unmarshal([]byte(v), &v3); err != nil {
				t.Fatal(err)
			}
			_, isBool2 := v2.(bool)
			isText3 := v3.Content[0].ShortTag() == "!!str"
			src, found := yaml11Findings(t, v)
			want := ""
			switch {
			case isBool2 && isText3:
				want = YAML11Value.ID
			case isBool2:
				want = InvalidType.ID
			}
			if want == "" {
				if len(found) != 0 {
					t.Errorf("%s (text to go-yaml v2): reported %v", v, found)
				}
				continue
			}
			if len(found) != 1 || found[0].Rule != want {
				t.Errorf("%s (a boolean to go-yaml v2): findings %v, want one %s", v, found, want)
				continue
			}
			fix, ok := found[0].SafeFix()
			if !ok {
				t.Errorf("%s: no safe fix", v)
				continue
			}
			flagged++
			fixed := string(applyFix(src, fix))
			var after2 struct {
				Configmaps []struct{ Data map[string]any }
			}
			if err := yaml2.Unmarshal([]byte(fixed), &after2); err != nil || after2.Configmaps[0].Data["KEY"] != v {
				t.Errorf("%s: after the fix go-yaml v2 reads %v (%v), want the text", v, after2, err)
			}
		}
	}
	// yes/no/on/off in three spellings, y/n in two, true/false in three.
	if flagged != 4*3+2*2+2*3 {
		t.Errorf("%d spellings reported, want 22", flagged)
	}
}

// TestYAML11Sexagesimal: generated base-60 values h:m and h:m:s (YAML 1.1's
// digits 0-59, a first part without a leading zero) are reported with
// their value; with a digit of 60 or more, or a leading zero, they are
// text in YAML 1.1 too and are not.
func TestYAML11Sexagesimal(t *testing.T) {
	for _, h := range []int{1, 9, 10, 23, 190} {
		for _, m := range []int{0, 5, 30, 59, 60, 99} {
			for _, form := range []string{"%d:%02d", "%d:%d", "%d:%02d:30", "0%d:%02d", "-%d:%02d", "%d:%02d.5"} {
				s := fmt.Sprintf(form, h, m)
				value := float64(h*60 + m)
				switch form {
				case "%d:%02d:30":
					value = value*60 + 30
				case "-%d:%02d":
					value = -value
				case "%d:%02d.5":
					value += 0.5
				}
				valid := m < 60 && form != "0%d:%02d"
				_, found := yaml11Findings(t, s)
				if !valid {
					if len(found) != 0 {
						t.Errorf("%s (text in YAML 1.1): reported %v", s, found)
					}
					continue
				}
				if len(found) != 1 || found[0].Rule != YAML11Value.ID || !strings.Contains(found[0].Message, fmt.Sprintf("the base-60 number %g;", value)) {
					t.Errorf("%s: findings %v, want yaml11-value naming %g", s, found, value)
				}
			}
		}
	}
}

// TestYAML11LeadingZeroNumbers: a 0-prefixed number (octal-looking to
// YAML 1.1) where a string is expected gets exactly one finding with a safe
// quoting fix, from invalid-type (yaml.v3 reads a number too), whatever its
// digits and sign.
func TestYAML11LeadingZeroNumbers(t *testing.T) {
	for _, digits := range []string{"0", "7", "12", "755", "644", "1234", "89", "08", "0755"} {
		for _, sign := range []string{"", "-", "+"} {
			s := sign + "0" + digits
			src, found := yaml11Findings(t, s)
			if len(found) != 1 {
				t.Errorf("%s: findings %v, want one", s, found)
				continue
			}
			fix, ok := found[0].SafeFix()
			if !ok || !strings.Contains(string(applyFix(src, fix)), "KEY: '"+s+"'") {
				t.Errorf("%s: %s, no safe fix quoting the text", s, found[0].Rule)
			}
		}
	}
}

func applyFix(src string, fix lint.Fix) string {
	out, _ := lint.ApplyFixes([]byte(src), []lint.Fix{fix})
	return string(out)
}
