package lint

// A Section is a top-level section of a greyhound file.
type Section struct {
	Key   string // as written: "shared_volumes"
	Kind  Kind   // the kind of file it belongs to
	Title string // in an outline: "Shared volumes"
	Named bool   // its entries carry a name (every section but rules)
}

// The top-level sections of greyhound files: the one list of them (the
// schemas' top-level properties, which TestSectionsAreTheSchemas holds it
// to). Kind detection, the model, the rules and the server's outline read
// it.
var (
	Builds        = &Section{"builds", KindConfig, "Builds", true}
	Services      = &Section{"services", KindConfig, "Services", true}
	Jobs          = &Section{"jobs", KindConfig, "Jobs", true}
	Routes        = &Section{"rules", KindConfig, "Rules", false}
	ConfigMaps    = &Section{"configmaps", KindConfig, "ConfigMaps", true}
	SharedVolumes = &Section{"shared_volumes", KindConfig, "Shared volumes", true}
	Applications  = &Section{"applications", KindApplications, "Applications", true}
	Environments  = &Section{"environments", KindApplications, "Environments", true}

	Sections = []*Section{Builds, Services, Jobs, Routes, ConfigMaps, SharedVolumes, Applications, Environments}
)

// SectionOf returns the section written key, or nil.
func SectionOf(key string) *Section {
	for _, s := range Sections {
		if s.Key == key {
			return s
		}
	}
	return nil
}

// SectionKeys returns the keys of the sections of files of kind k, in
// order.
func SectionKeys(k Kind) []string {
	var out []string
	for _, s := range Sections {
		if s.Kind == k {
			out = append(out, s.Key)
		}
	}
	return out
}
