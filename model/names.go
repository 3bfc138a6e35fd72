package model

// MaxNameLength is the longest RFC 1123 label.
const MaxNameLength = 63

// ValidName reports whether s is an RFC 1123 label of at most 63
// characters: what Kubernetes accepts as the name of a workload, a
// configmap or a volume, and as each label of a DNS name: lower-case
// letters, digits and '-', starting and ending with a letter or digit
// (the schema's rfc1123 pattern; a loop, as it runs on every name).
func ValidName(s string) bool {
	if len(s) == 0 || len(s) > MaxNameLength || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}
