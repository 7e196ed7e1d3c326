// Command hello-go is the sample project's Go program: it runs once at boot
// and logs a line naming this machine by a UUID derived from its machine id,
// using a third-party module (github.com/google/uuid) that the build vendors
// with Go module bundling.
package main

import (
	"fmt"
	"os"
	"strings"

	"github.com/google/uuid"
)

// namespace is the UUID namespace of hello-go's instance ids (a v5 UUID of
// the program's name in the URL namespace).
var namespace = uuid.NewSHA1(uuid.NameSpaceURL, []byte("https://example.com/hello-go"))

func main() {
	instance, source := instanceID()
	fmt.Printf("hello-go starting: instance %s (from %s, uuid version %d)\n", instance, source, instance.Version())
}

// instanceID derives a stable UUID from /etc/machine-id, or makes a random
// one when the machine has no id yet.
func instanceID() (uuid.UUID, string) {
	data, err := os.ReadFile("/etc/machine-id")
	if id := strings.TrimSpace(string(data)); err == nil && id != "" {
		return uuid.NewSHA1(namespace, []byte(id)), "/etc/machine-id"
	}
	return uuid.New(), "random"
}
