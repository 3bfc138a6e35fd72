package rules

import "slices"

// A habit is a field written where greyhound does not take it: a valid
// field at the wrong level, or the habit of a neighbouring format
// (Kubernetes manifests, docker-compose, Helm values, GitHub Actions).
// unknown-field
// consults this table so that its message names the greyhound way instead
// of "check the spelling".
type habit struct {
	key     string   // the key as written
	objects []string // the objects it is found in (schema titles); empty: any
	advice  string   // what greyhound takes instead
	rename  string   // a field to rename to, when that is the fix (a guess: unsafe)
}

var workloads = []string{"service", "job"}

var habits = []habit{
	// Valid fields at the wrong level.
	{"read_timeout", workloads, "read_timeout belongs on an ingress rule (rules: [{service: <name>, hostnames: [...], path: /, read_timeout: 60}]), not on the workload", ""},
	{"visibility", workloads, "visibility belongs on an ingress rule (rules: [{service: <name>, ..., visibility: nginx-internal}]), not on the workload", ""},
	{"hostnames", workloads, "hostnames belong on an ingress rule (rules: [{service: <name>, hostnames: [...], path: /}]), not on the workload", ""},
	{"containerPort", []string{"service"}, "containerPort belongs in a ports entry: ports: [{containerPort: 8080}]", ""},
	{"mount_path", workloads, "mount_path belongs in a volumes entry: volumes: [{name: ..., mount_path: /path, claim: <shared volume>}]", ""},
	{"configMapRef", []string{"environment variable"}, "configMapRef belongs in an envFrom entry (envFrom: [{configMapRef: {name: ...}}] loads every key of the configmap); an env entry reads one key with valueFrom: {configMapKeyRef: {name: ..., key: ...}}", ""},
	{"secretRef", []string{"environment variable"}, "secretRef belongs in an envFrom entry (envFrom: [{secretRef: {name: ...}}]); an env entry reads one key with valueFrom: {secretKeyRef: {name: ..., key: ...}}", ""},
	{"configMapKeyRef", []string{"environment variable"}, "configMapKeyRef belongs under valueFrom: valueFrom: {configMapKeyRef: {name: ..., key: ...}}", ""},
	{"secretKeyRef", []string{"environment variable"}, "secretKeyRef belongs under valueFrom: valueFrom: {secretKeyRef: {name: ..., key: ...}}", ""},
	{"cluster", []string{"imported application"}, "cluster belongs on the environment (environments: [{name: ..., cluster: ..., from_applications: [...]}]), not on one imported application; an application's own default is default_cluster", ""},
	{"repository", []string{"environment", "imported application"}, "repository belongs on an application under applications:, which from_applications then names", ""},
	{"branch", []string{"environment", "imported application"}, "branch belongs on an application under applications:, which from_applications then names", ""},
	// Kubernetes Job and Pod habits.
	{"ttlSecondsAfterFinished", []string{"job"}, "greyhound calls it ttl (seconds a finished job is kept)", "ttl"},
	{"activeDeadlineSeconds", []string{"job"}, "greyhound has no active deadline for jobs; it documents backoff_limit, parallelism, completions, suspend, ttl and completed_timeout", ""},
	{"template", workloads, "greyhound writes the pod template itself: put the container's fields (image, command, env, resources, volumes) on the workload", ""},
	{"spec", workloads, "greyhound writes the Kubernetes spec itself: put the container's fields (image, command, env, resources, volumes) on the workload", ""},
	{"containers", workloads, "a greyhound workload is one container: put its fields (image, command, env, resources) on the workload itself", ""},
	// docker-compose habits.
	{"environment", workloads, "greyhound's key is env, a list in Kubernetes' shape: env: [{name: LOG_LEVEL, value: info}]", ""},
	{"depends_on", workloads, "greyhound has no depends_on: services start together; wait for a dependency in the service itself, or run a job first", ""},
	{"build", workloads, "greyhound builds images under builds: [{name: api, dockerfile: Dockerfile}], and a workload uses one with image_from_build: api", ""},
	{"container_name", workloads, "the workload's name: is its name in Kubernetes", ""},
	{"expose", []string{"service"}, "greyhound's key is ports: [{containerPort: 8080}]", ""},
	{"restart", workloads, "services always restart; a job's policy is restart_policy: OnFailure or Never", ""},
	// Helm values habits.
	{"replicaCount", []string{"service"}, "Helm charts call it replicaCount; greyhound's field is replicas", "replicas"},
	{"ingress", append([]string{"greyhound config.yaml"}, workloads...), "greyhound's ingress is the top-level rules: [{service: <name>, hostnames: [...], path: /}]", ""},
	{"image", []string{"greyhound config.yaml"}, "image belongs on each service or job, as one string (image: nginx:1.27), not at the top level as in Helm values", ""},
	{"nodeSelector", workloads, "greyhound documents no scheduling fields (a Helm values habit); if your greyhound accepts it, list it under extra_fields in .greylint.yaml", ""},
	{"tolerations", workloads, "greyhound documents no scheduling fields (a Helm values habit); if your greyhound accepts it, list it under extra_fields in .greylint.yaml", ""},
	{"affinity", workloads, "greyhound documents no scheduling fields (a Helm values habit); if your greyhound accepts it, list it under extra_fields in .greylint.yaml", ""},
	{"podAnnotations", workloads, "greyhound writes the pod metadata itself (podAnnotations is a Helm values habit); annotations greyhound documents go on an ingress rule", ""},
	{"serviceAccount", workloads, "greyhound's field is service_account_name: <name>, a string (Helm's serviceAccount: {create, name} is a chart's own)", "service_account_name"},
}

// habitFor returns the table's entry for a key in an object, or nil.
func habitFor(key, object string) *habit {
	for i := range habits {
		h := &habits[i]
		if h.key == key && (len(h.objects) == 0 || slices.Contains(h.objects, object)) {
			return h
		}
	}
	return nil
}
