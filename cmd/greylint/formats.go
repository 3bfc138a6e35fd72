package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/greylint/greylint/lint"
	"github.com/greylint/greylint/rules"
)

// output is one --format, written to standard output or a file.
type output struct {
	format string
	path   string // "" for standard output
	color  string
}

var formats = []string{"text", "json", "sarif", "github", "checkstyle", "junit"}

// parseOutputs reads the --format values ("sarif" or "sarif=out.sarif")
// and --output. At most one format goes to standard output.
func parseOutputs(specs []string, outputFile, color string) ([]output, error) {
	var out []output
	toStdout := 0
	for _, spec := range specs {
		name, path, _ := strings.Cut(spec, "=")
		if !slices.Contains(formats, name) {
			return nil, fmt.Errorf("unknown --format %q: use %s", name, strings.Join(formats, ", "))
		}
		if path == "" {
			path = outputFile
		}
		if path == "" {
			toStdout++
		}
		out = append(out, output{format: name, path: path, color: color})
	}
	if toStdout > 1 {
		return nil, fmt.Errorf("only one --format can go to standard output; write the others to files with --format FORMAT=FILE")
	}
	return out, nil
}

func (o output) write(results []*result, stdout io.Writer) error {
	w := stdout
	if o.path != "" {
		f, err := os.Create(o.path)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	switch o.format {
	case "json":
		return writeJSON(w, results)
	case "sarif":
		return writeSARIF(w, results)
	case "github":
		return writeGitHub(w, results)
	case "checkstyle":
		return writeCheckstyle(w, results)
	case "junit":
		return writeJUnit(w, results)
	}
	return writeText(w, results, o.path == "" && useColor(o.color, stdout))
}

// ---- SARIF 2.1.0 -----------------------------------------------------------

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool       sarifTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version,omitempty"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string        `json:"id"`
	ShortDescription     sarifText     `json:"shortDescription"`
	FullDescription      sarifText     `json:"fullDescription"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration sarifRuleConf `json:"defaultConfiguration"`
}

type sarifRuleConf struct {
	Level string `json:"level"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID           string          `json:"ruleId"`
	RuleIndex        int             `json:"ruleIndex"`
	Level            string          `json:"level"`
	Message          sarifText       `json:"message"`
	Locations        []sarifLocation `json:"locations"`
	RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
	Fixes            []sarifFix      `json:"fixes,omitempty"`
}

type sarifLocation struct {
	ID               int           `json:"id,omitempty"`
	PhysicalLocation sarifPhysical `json:"physicalLocation"`
	Message          *sarifText    `json:"message,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           sarifRegion   `json:"region"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine"`
	EndColumn   int `json:"endColumn"`
}

type sarifFix struct {
	Description     sarifText             `json:"description"`
	ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	Properties      sarifFixProperties    `json:"properties"`
}

// sarifFixProperties says whether --fix applies the fix, as the JSON
// output does (SARIF has no field of its own for it).
type sarifFixProperties struct {
	Safe          bool   `json:"safe"`
	Applicability string `json:"applicability"`
}

type sarifArtifactChange struct {
	ArtifactLocation sarifArtifact      `json:"artifactLocation"`
	Replacements     []sarifReplacement `json:"replacements"`
}

type sarifReplacement struct {
	DeletedRegion   sarifRegion `json:"deletedRegion"`
	InsertedContent sarifText   `json:"insertedContent"`
}

func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.Error:
		return "error"
	case lint.Warning:
		return "warning"
	}
	return "note"
}

// displayPath shows a path relative to the working directory when it is
// below it (configuration files are found as absolute paths).
func displayPath(path string) string {
	p := filepath.Clean(path)
	if filepath.IsAbs(p) {
		if wd, err := os.Getwd(); err == nil {
			if rel, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(rel, "..") {
				p = rel
			}
		}
	}
	return p
}

// slashPath is a result's path with forward slashes, relative to the
// working directory when below it (GitHub's file= property).
func slashPath(path string) string { return filepath.ToSlash(displayPath(path)) }

func region(l *lint.Lines, r lint.Range) sarifRegion {
	sl, sc := l.LineCol(r.Start)
	el, ec := l.LineCol(r.End)
	return sarifRegion{sl, sc, el, ec}
}

// ruleIndex is the index of a finding's rule among the driver's rules: a
// member of a family (shellcheck/SC2086, a hierarchical ruleId in SARIF's
// terms) is described by its family.
func ruleIndex(index map[string]int, id string) int {
	if r := rules.ByID(id); r != nil {
		return index[r.ID]
	}
	return index[id]
}

func writeSARIF(w io.Writer, results []*result) error {
	index := map[string]int{}
	driver := sarifDriver{Name: "greylint", Version: version(), InformationURI: "https://github.com/greylint/greylint", Rules: []sarifRule{}}
	for i, r := range rules.All() {
		index[r.ID] = i
		driver.Rules = append(driver.Rules, sarifRule{
			ID:                   r.ID,
			ShortDescription:     sarifText{r.Summary},
			FullDescription:      sarifText{firstParagraph(r.Doc)},
			HelpURI:              rules.DocsURL + "#" + r.ID,
			DefaultConfiguration: sarifRuleConf{sarifLevel(r.Severity)},
		})
	}
	run := sarifRun{Tool: sarifTool{driver}, ColumnKind: "unicodeCodePoints", Results: []sarifResult{}}
	for _, res := range results {
		uri := sarifURI(res.path)
		for _, d := range res.diags {
			sr := sarifResult{
				RuleID: d.Rule, RuleIndex: ruleIndex(index, d.Rule), Level: sarifLevel(d.Severity), Message: sarifText{lint.Message(d.Message)},
				Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{sarifArtifact{uri}, region(res.lines, d.Range)}}},
			}
			for i, rel := range d.Related {
				sr.RelatedLocations = append(sr.RelatedLocations, sarifLocation{ID: i + 1, PhysicalLocation: sarifPhysical{sarifArtifact{uri}, region(res.lines, rel.Range)}, Message: &sarifText{lint.Message(rel.Message)}})
			}
			for _, f := range d.Fixes {
				change := sarifArtifactChange{ArtifactLocation: sarifArtifact{uri}}
				for _, e := range f.Edits {
					change.Replacements = append(change.Replacements, sarifReplacement{region(res.lines, e.Range), sarifText{e.NewText}})
				}
				sr.Fixes = append(sr.Fixes, sarifFix{Description: sarifText{lint.Message(f.Title)}, ArtifactChanges: []sarifArtifactChange{change},
					Properties: sarifFixProperties{Safe: f.Safety == lint.Safe, Applicability: f.Safety.String()}})
			}
			run.Results = append(run.Results, sr)
		}
	}
	return encodeJSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

func firstParagraph(doc string) string {
	p, _, _ := strings.Cut(strings.TrimSpace(doc), "\n\n")
	return strings.Join(strings.Fields(p), " ")
}

// ---- GitHub Actions workflow commands --------------------------------------

func writeGitHub(w io.Writer, results []*result) error {
	for _, r := range results {
		for _, d := range r.diags {
			reg := region(r.lines, d.Range)
			cmd := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning"}[d.Severity]
			if cmd == "" {
				cmd = "notice"
			}
			if _, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
				cmd, ghProperty(slashPath(r.path)), reg.StartLine, reg.StartColumn, reg.EndLine, reg.EndColumn,
				ghProperty(d.Rule), ghData(lint.BoundMessage(d.Message))); err != nil {
				return err
			}
		}
	}
	return nil
}

// ghData escapes a workflow command's message: GitHub's own escapes, and
// every other control character shown (an annotation is a line of the
// job's log, which a terminal may render).
func ghData(s string) string {
	return visible(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s))
}

func ghProperty(s string) string {
	return visible(strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s))
}

// ---- Checkstyle XML -------------------------------------------------------

type csReport struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []csFile `xml:"file"`
}

type csFile struct {
	Name   string    `xml:"name,attr"`
	Errors []csError `xml:"error"`
}

type csError struct {
	Line     int    `xml:"line,attr"`
	Column   int    `xml:"column,attr"`
	Severity string `xml:"severity,attr"`
	Message  string `xml:"message,attr"`
	Source   string `xml:"source,attr"`
}

func writeCheckstyle(w io.Writer, results []*result) error {
	rep := csReport{Version: "4.3"}
	for _, r := range results {
		f := csFile{Name: visible(r.path)} // XML holds no control character: shown as text shows it
		for _, d := range r.diags {
			line, col := r.lines.LineCol(d.Range.Start)
			sev := map[lint.Severity]string{lint.Error: "error", lint.Warning: "warning"}[d.Severity]
			if sev == "" {
				sev = "info"
			}
			f.Errors = append(f.Errors, csError{line, col, sev, lint.Message(d.Message), "greylint." + d.Rule})
		}
		rep.Files = append(rep.Files, f)
	}
	return writeXML(w, rep)
}

// ---- JUnit XML ------------------------------------------------------------

type juSuites struct {
	XMLName  xml.Name  `xml:"testsuites"`
	Name     string    `xml:"name,attr"`
	Tests    int       `xml:"tests,attr"`
	Failures int       `xml:"failures,attr"`
	Suites   []juSuite `xml:"testsuite"`
}

type juSuite struct {
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Cases    []juCase `xml:"testcase"`
}

type juCase struct {
	Name      string     `xml:"name,attr"`
	Classname string     `xml:"classname,attr"`
	Failure   *juFailure `xml:"failure"`
	SystemOut string     `xml:"system-out,omitempty"`
}

type juFailure struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// writeJUnit writes one test suite per file and one test case per finding,
// failed when the finding is at or above the fail threshold (--fail-on, or
// fail_on), passed with the finding in system-out otherwise; a file without
// findings is one passing test case.
func writeJUnit(w io.Writer, results []*result) error {
	all := juSuites{Name: "greylint"}
	for _, r := range results {
		path := visible(r.path) // XML holds no control character, and the text is read as lines
		s := juSuite{Name: path}
		for _, d := range r.diags {
			msg := lint.Message(d.Message)
			line, col := r.lines.LineCol(d.Range.Start)
			c := juCase{
				Name:      fmt.Sprintf("%s:%d:%d %s", path, line, col, d.Rule),
				Classname: "greylint." + d.Rule,
			}
			text := fmt.Sprintf("%s:%d:%d: %s: %s [%s]", shownPath(r.path), line, col, d.Severity, msg, d.Rule)
			if d.Severity <= r.failOn || r.failOn == 0 {
				// At or above the fail threshold (--fail-on): a failure.
				c.Failure = &juFailure{Message: msg, Type: d.Severity.String(), Text: text}
				s.Failures++
			} else {
				c.SystemOut = text // below it: reported, not failed
			}
			s.Cases = append(s.Cases, c)
		}
		if len(r.diags) == 0 {
			s.Cases = append(s.Cases, juCase{Name: path, Classname: "greylint"})
		}
		s.Tests = len(s.Cases)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Suites = append(all.Suites, s)
	}
	return writeXML(w, all)
}

func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
