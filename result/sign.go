package result

import (
	"bytes"
	"crypto"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/sign"
	"golang.org/x/text/unicode/norm"
)

// DefaultReason is the reason written into the signature of a result.
const DefaultReason = "Ký số kết quả giải quyết thủ tục hành chính"

// SignLocation is the location written into every signature.
const SignLocation = "Hải Phòng"

// Sign signs pdf (as written by Render) with a detached CMS signature
// (adbe.pkcs7.detached, SHA-256, no timestamp authority, so no network): a
// certification signature that permits no later change, carrying the signer
// name, the location "Hải Phòng", reason (DefaultReason when empty), the
// signing time at, and the whole certificate chain. It refuses to sign when
// the certificate is not valid at at.
//
// The signing-time attribute inside the CMS is the machine's clock when Sign
// runs (the library sets it), not at; at is the /M entry of the signature
// dictionary, which PDF readers show when there is no timestamp.
func (s *Signer) Sign(doc []byte, reason string, at time.Time) ([]byte, error) {
	if err := validAt(s.cert, at); err != nil {
		return nil, fmt.Errorf("result: signing: %w", err)
	}
	if !bytes.HasPrefix(doc, []byte("%PDF-")) {
		return nil, errors.New("result: signing: the input is not a PDF")
	}
	if strings.TrimSpace(reason) == "" {
		reason = DefaultReason
	}
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return nil, fmt.Errorf("result: signing: reading PDF: %w", err)
	}
	var out bytes.Buffer
	err = sign.Sign(bytes.NewReader(doc), &out, rdr, int64(len(doc)), sign.SignData{
		Signature: sign.SignDataSignature{
			Info: sign.SignDataSignatureInfo{
				Name:     sigText(s.Name()),
				Location: sigText(SignLocation),
				Reason:   sigText(reason),
				Date:     at,
			},
			CertType:   sign.CertificationSignature,
			DocMDPPerm: sign.DoNotAllowAnyChangesPerms,
		},
		Signer:            s.key,
		DigestAlgorithm:   crypto.SHA256,
		Certificate:       s.cert,
		CertificateChains: [][]*x509.Certificate{s.chain},
	})
	if err != nil {
		return nil, fmt.Errorf("result: signing: %w", err)
	}
	return out.Bytes(), nil
}

// Fingerprint is the hex SHA-256 of the whole signed file: what the
// verification page compares an uploaded file with.
func Fingerprint(doc []byte) string {
	sum := sha256.Sum256(doc)
	return hex.EncodeToString(sum[:])
}

// sigText makes s safe for pdfsign's signature dictionary, which writes
// non-ASCII text as raw UTF-16BE between parentheses without escaping: a
// code unit holding the byte of "(", ")", "\" or a line break would end or
// corrupt the string. Vietnamese meets this only with Ĩ and ĩ (U+0128,
// U+0129), written decomposed instead (I or i and a combining tilde);
// parentheses become brackets, a backslash a slash, other such characters a
// space.
func sigText(s string) string {
	if isASCII(s) {
		return s // pdfsign escapes ASCII text itself
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '(':
			r = '['
		case ')':
			r = ']'
		case '\\':
			r = '/'
		}
		if utf16Safe(r) {
			b.WriteRune(r)
			continue
		}
		d := norm.NFD.String(string(r))
		ok := d != string(r)
		for _, dr := range d {
			ok = ok && utf16Safe(dr)
		}
		if ok {
			b.WriteString(d)
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// utf16Safe reports whether no byte of r's UTF-16BE encoding is special
// inside a PDF literal string.
func utf16Safe(r rune) bool {
	for _, u := range utf16.Encode([]rune{r}) {
		for _, b := range []byte{byte(u >> 8), byte(u)} {
			switch b {
			case '(', ')', '\\', '\r', '\n':
				return false
			}
		}
	}
	return true
}
