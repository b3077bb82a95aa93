package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"

	"github.com/hpdoet/cchc"
)

//go:embed assets
var assetFS embed.FS

// assetSet serves embedded static files under content-hashed names
// (style.css → style.3f2a9c1d.css), so they can be cached forever.
type assetSet struct {
	byName  map[string][]byte // hashed name → content
	hashed  map[string]string // plain name → hashed name
	typesOf map[string]string
}

func loadAssets() (*assetSet, error) {
	a := &assetSet{byName: map[string][]byte{}, hashed: map[string]string{}, typesOf: map[string]string{}}
	err := fs.WalkDir(assetFS, "assets", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := assetFS.ReadFile(p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		name := path.Base(p)
		ext := path.Ext(name)
		h := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:4]) + ext
		a.byName[h], a.hashed[name], a.typesOf[h] = b, h, mime.TypeByExtension(ext)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load assets: %w", err)
	}
	return a, nil
}

// URL returns the hashed URL of an asset.
func (a *assetSet) URL(name string) string { return "/assets/" + a.hashed[name] }

func (s *Server) asset(w http.ResponseWriter, r *http.Request) error {
	name := r.PathValue("name")
	b, ok := s.assets.byName[name]
	if !ok {
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy tệp.")
	}
	w.Header().Set("Content-Type", s.assets.typesOf[name])
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	w.Write(b)
	return nil
}
