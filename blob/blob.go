// Package blob stores uploaded files on disk by the SHA-256 of their
// content, and checks a file's type by its content, never by its name.
package blob

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
)

// Type is a file type cchc accepts.
type Type struct {
	MIME string
	Ext  string
	Name string // for messages
}

// Accepted types of evidence and attachments.
var (
	PDF  = Type{"application/pdf", ".pdf", "PDF"}
	DOCX = Type{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "Word (DOCX)"}
	XLSX = Type{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "Excel (XLSX)"}
	PNG  = Type{"image/png", ".png", "PNG"}
	JPEG = Type{"image/jpeg", ".jpg", "JPEG"}
)

// ExtensionOf returns the file extension of an accepted content type, "" for others.
func ExtensionOf(contentType string) string {
	for _, t := range []Type{PDF, DOCX, XLSX, PNG, JPEG} {
		if t.MIME == contentType {
			return t.Ext
		}
	}
	return ""
}

// ErrUnknownType is returned for content that is none of the accepted types.
var ErrUnknownType = errors.New("file content is not an accepted type")

// Detect tells the type of a file from its content. Office files are ZIP
// archives: they are recognised by the part that defines their kind.
func Detect(data []byte) (Type, error) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return PDF, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return PNG, nil
	case bytes.HasPrefix(data, []byte{0xFF, 0xD8, 0xFF}):
		return JPEG, nil
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return Type{}, ErrUnknownType
		}
		for _, f := range zr.File {
			switch f.Name {
			case "word/document.xml":
				return DOCX, nil
			case "xl/workbook.xml":
				return XLSX, nil
			}
		}
	}
	return Type{}, ErrUnknownType
}

// Store keeps files under a directory, two levels deep by hash.
type Store struct {
	Dir string
}

var hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

func (s *Store) path(sum string) string {
	return filepath.Join(s.Dir, sum[:2], sum)
}

// Sum returns the SHA-256 of data in hex, the name Put stores it under.
func Sum(data []byte) string {
	h := sha256.Sum256(data)
	return hex.EncodeToString(h[:])
}

// Put writes data and returns its SHA-256 in hex. Storing the same content
// twice keeps one file. The write goes to a temporary file first, so a crash
// never leaves a partial file under a hash name.
func (s *Store) Put(data []byte) (string, error) {
	sum := Sum(data)
	p := s.path(sum)
	if _, err := os.Stat(p); err == nil {
		return sum, nil
	}
	if err := os.MkdirAll(filepath.Dir(p), 0o750); err != nil {
		return "", fmt.Errorf("create blob directory: %w", err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(p), ".upload-*")
	if err != nil {
		return "", fmt.Errorf("create temporary blob: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return "", fmt.Errorf("write blob: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("sync blob: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("close blob: %w", err)
	}
	if err := os.Rename(tmp.Name(), p); err != nil {
		return "", fmt.Errorf("store blob %s: %w", sum, err)
	}
	return sum, nil
}

// Open returns a reader of the file with the given hash.
func (s *Store) Open(sum string) (io.ReadSeekCloser, error) {
	if !hashPattern.MatchString(sum) {
		return nil, fmt.Errorf("open blob: malformed hash %q", sum)
	}
	f, err := os.Open(s.path(sum))
	if err != nil {
		return nil, fmt.Errorf("open blob %s: %w", sum, err)
	}
	return f, nil
}
