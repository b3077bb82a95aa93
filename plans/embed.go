// Package plans holds the reform plans the system is seeded with, embedded in
// the binary: the Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn
// 2026 - 2030 of Sở Giáo dục và Đào tạo Hải Phòng, both as its source text
// (ke-hoach-cchc-2026-2030.md, the source of truth) and encoded as a
// plan.Document (ke-hoach-cchc-2026-2030.json, decoded with
// plan.ParseDocument).
package plans

import (
	"bytes"
	_ "embed"
)

//go:embed ke-hoach-cchc-2026-2030.json
var seedPlan []byte

//go:embed ke-hoach-cchc-2026-2030.md
var seedMarkdown []byte

// SeedPlan returns the seed plan encoded as a plan.Document in JSON. Each
// call returns a fresh copy, so callers may modify it.
func SeedPlan() []byte { return bytes.Clone(seedPlan) }

// SeedMarkdown returns the seed plan's source text in markdown, as
// transcribed from the signed document. Each call returns a fresh copy.
func SeedMarkdown() []byte { return bytes.Clone(seedMarkdown) }
