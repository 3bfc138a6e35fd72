package model

import "regexp"

// rfc1123Label is a DNS label as Kubernetes names objects: lower-case
// letters, digits and '-', starting and ending with a letter or digit.
var rfc1123Label = regexp.MustCompile(`^[a-z0-9]([-a-z0-9]*[a-z0-9])?$`)

// ValidName reports whether s is an RFC 1123 label of at most 63
// characters: what Kubernetes accepts as the name of a workload, a
// configmap or a volume, and as each label of a DNS name.
func ValidName(s string) bool { return len(s) <= 63 && rfc1123Label.MatchString(s) }
