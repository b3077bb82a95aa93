package procedure

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/textkey"
)

// Catalog is the list of procedures the Sở handles, as stored in
// procedures/catalog.json.
type Catalog struct {
	Notes      []string     `json:"notes"` // about the catalog as a whole: sources, omissions
	Procedures []*Procedure `json:"procedures"`
}

// ParseCatalog decodes and validates a catalog data file. Unknown fields and
// data after the catalog are errors, so a typo in the file cannot silently
// drop data; every procedure must validate and codes must be unique.
func ParseCatalog(data []byte) (*Catalog, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("decode catalog: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("decode catalog: data after the catalog")
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// Validate checks every procedure and the uniqueness of codes and names.
func (c *Catalog) Validate() error {
	var errs []string
	if len(c.Procedures) == 0 {
		errs = append(errs, "the catalog has no procedures")
	}
	codes, names := map[string]bool{}, map[string]bool{}
	for i, p := range c.Procedures {
		if p == nil {
			errs = append(errs, fmt.Sprintf("procedure %d is empty", i+1))
			continue
		}
		if err := p.Validate(); err != nil {
			errs = append(errs, err.Error())
		}
		if codes[p.Code] {
			errs = append(errs, fmt.Sprintf("code %q appears twice", p.Code))
		}
		codes[p.Code] = true
		if names[p.Name] {
			errs = append(errs, fmt.Sprintf("name %q appears twice", p.Name))
		}
		names[p.Name] = true
	}
	for i, n := range c.Notes {
		if strings.TrimSpace(n) == "" {
			errs = append(errs, fmt.Sprintf("catalog note %d is empty", i+1))
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("invalid catalog: %s", strings.Join(errs, "; "))
	}
	return nil
}

// Find returns the procedure with the given code, or an ENOTFOUND error.
func (c *Catalog) Find(code string) (*Procedure, error) {
	for _, p := range c.Procedures {
		if p != nil && p.Code == code {
			return p, nil
		}
	}
	return nil, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy thủ tục hành chính có mã %q.", code)
}

// SearchKey returns the search key of a procedure: its name, code and field
// folded by textkey (lower case, no diacritics).
func SearchKey(p *Procedure) string {
	return textkey.Key(p.Name + " " + p.Code + " " + p.Field)
}

// Search returns, in catalog order, the procedures whose search key holds
// every word of q, ignoring case and diacritics ("cap ban sao van bang"
// finds "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc"). As in textkey.Match, a
// word may match inside a longer one ("tin" matches "tinh"). A non-empty
// field or level keeps only the procedures of that field (lĩnh vực) or
// online level. An empty q matches every procedure.
func (c *Catalog) Search(q, field, level string) []*Procedure {
	terms := textkey.Terms(q)
	var found []*Procedure
	for _, p := range c.Procedures {
		if p == nil || (field != "" && p.Field != field) || (level != "" && p.OnlineLevel != level) {
			continue
		}
		if textkey.Match(SearchKey(p), terms) {
			found = append(found, p)
		}
	}
	return found
}

// Fields lists the fields (lĩnh vực) the catalog's procedures use, in the
// order of KnownFields.
func (c *Catalog) Fields() []string {
	used := map[string]bool{}
	for _, p := range c.Procedures {
		if p != nil {
			used[p.Field] = true
		}
	}
	var fields []string
	for _, f := range KnownFields() {
		if used[f] {
			fields = append(fields, f)
		}
	}
	return fields
}
