// Package procedures holds the catalog of administrative procedures (thủ tục
// hành chính) the system is seeded with, embedded in the binary:
// catalog.json, decoded with procedure.ParseCatalog. It is a seed for the
// one-stop module, not the official Hải Phòng list: facts no source confirms
// are flagged in each procedure's "unconfirmed" list, and the file's
// "notes" say where the data comes from and what was left out.
package procedures

import (
	"bytes"
	_ "embed"
)

//go:embed catalog.json
var catalog []byte

// Catalog returns the procedure catalog encoded as a procedure.Catalog in
// JSON. Each call returns a fresh copy, so callers may modify it.
func Catalog() []byte { return bytes.Clone(catalog) }
