package result

import (
	"bytes"
	"crypto/x509"
	"errors"
	"fmt"
	"time"

	"github.com/digitorus/pdf"
	"github.com/digitorus/pdfsign/verify"
	"github.com/digitorus/pkcs7"
	"golang.org/x/text/unicode/norm"
)

// Verification is what VerifySignature found in a signed result.
type Verification struct {
	SignerName  string              // subject common name of the signing certificate
	Name        string              // signer name in the signature dictionary (/Name)
	Reason      string              // /Reason
	Location    string              // /Location
	SigningTime time.Time           // the CMS signing-time attribute, else /M; claimed by the signer (no timestamp authority)
	Certificate *x509.Certificate   // the signing certificate
	Chain       []*x509.Certificate // every certificate embedded in the signature

	// DigestValid: the CMS signature verifies, with the signing certificate,
	// over the bytes the signature's ByteRange names.
	DigestValid bool
	// WholeFile: the ByteRange covers the whole file except the signature
	// value, so nothing was appended or altered outside the signed bytes.
	WholeFile bool
	// Trusted: the signing certificate chains to one of the given roots, was
	// valid at SigningTime and allows digital signatures.
	Trusted bool
	// Problems says, in English, why any of the three is false.
	Problems []string

	Fingerprint string // Fingerprint of the file checked
}

// Valid reports whether the digest matches, the signature covers the whole
// file and the certificate is trusted.
func (v *Verification) Valid() bool { return v.DigestValid && v.WholeFile && v.Trusted }

// ErrNoSignature is returned by VerifySignature for a PDF without a signature.
var ErrNoSignature = errors.New("result: the PDF carries no digital signature")

// VerifySignature checks the one signature of a signed result offline: the
// digest and CMS signature with github.com/digitorus/pdfsign/verify, the byte
// range and the certificate chain against roots itself (roots may be nil:
// then Trusted is false). A bad signature is reported in the Verification,
// not as an error; the error is for a file that is not a readable PDF, has no
// signature (ErrNoSignature) or has several.
//
// The verification page's first check is simpler and stronger: Fingerprint
// of the uploaded file equal to the one stored when the result was issued.
// VerifySignature tells what is wrong with a file that differs.
func VerifySignature(doc []byte, roots *x509.CertPool) (v *Verification, err error) {
	// The file may come from anyone; the PDF parser panics on some malformed
	// input.
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("result: verifying: malformed PDF (%v)", r)
		}
	}()
	sig, err := findSignature(doc)
	if err != nil {
		return nil, err
	}
	v = &Verification{
		Name:        norm.NFC.String(sig.Key("Name").Text()),
		Reason:      norm.NFC.String(sig.Key("Reason").Text()),
		Location:    norm.NFC.String(sig.Key("Location").Text()),
		Fingerprint: Fingerprint(doc),
	}
	v.WholeFile = coversWholeFile(doc, sig, v)

	p7, err := pkcs7.Parse([]byte(sig.Key("Contents").RawString()))
	if err != nil {
		v.Problems = append(v.Problems, "the signature value is not a CMS structure: "+err.Error())
		return v, nil
	}
	v.Chain = p7.Certificates
	v.Certificate = p7.GetOnlySigner()
	if v.Certificate == nil {
		v.Problems = append(v.Problems, "the signature has not exactly one signer with its certificate")
		return v, nil
	}
	v.SignerName = v.Certificate.Subject.CommonName
	if err := p7.UnmarshalSignedAttribute(pkcs7.OIDAttributeSigningTime, &v.SigningTime); err != nil {
		if m, err := pdfDate(sig.Key("M").Text()); err == nil {
			v.SigningTime = m
		}
	}

	resp, err := verify.VerifyWithOptions(bytes.NewReader(doc), int64(len(doc)), &verify.VerifyOptions{
		// Offline: no revocation fetching, no trust in system roots needed;
		// trust is checked below against the roots given.
		AllowUntrustedRoots:           true,
		EnableExternalRevocationCheck: false,
	})
	switch {
	case err != nil:
		v.Problems = append(v.Problems, "pdfsign could not verify: "+err.Error())
	case len(resp.Signers) != 1:
		v.Problems = append(v.Problems, fmt.Sprintf("pdfsign found %d verifiable signatures, not one: %s", len(resp.Signers), resp.Error))
	default:
		v.DigestValid = resp.Signers[0].ValidSignature
		if !v.DigestValid {
			v.Problems = append(v.Problems, "the digest or signature does not match the signed bytes: "+resp.Error)
		}
	}

	v.Trusted = trusted(v, roots)
	return v, nil
}

// findSignature returns the value (/V) of the document's one signature field.
func findSignature(doc []byte) (pdf.Value, error) {
	rdr, err := pdf.NewReader(bytes.NewReader(doc), int64(len(doc)))
	if err != nil {
		return pdf.Value{}, fmt.Errorf("result: verifying: reading PDF: %w", err)
	}
	fields := rdr.Trailer().Key("Root").Key("AcroForm").Key("Fields")
	var sigs []pdf.Value
	for i := 0; i < fields.Len(); i++ {
		f := fields.Index(i)
		if f.Key("FT").Name() == "Sig" && !f.Key("V").IsNull() {
			sigs = append(sigs, f.Key("V"))
		}
	}
	switch len(sigs) {
	case 0:
		return pdf.Value{}, ErrNoSignature
	case 1:
		return sigs[0], nil
	}
	return pdf.Value{}, fmt.Errorf("result: verifying: the PDF carries %d signatures; a result has one", len(sigs))
}

// coversWholeFile checks that the ByteRange is [0 a b c] with the gap [a, b)
// holding exactly the hexadecimal signature value and b+c the file's end.
func coversWholeFile(doc []byte, sig pdf.Value, v *Verification) bool {
	br := sig.Key("ByteRange")
	if br.Len() != 4 {
		v.Problems = append(v.Problems, fmt.Sprintf("the ByteRange has %d numbers, not 4", br.Len()))
		return false
	}
	var n [4]int64
	for i := range n {
		n[i] = br.Index(i).Int64()
	}
	size := int64(len(doc))
	if n[0] != 0 || n[1] <= 0 || n[2] <= n[1]+1 || n[3] < 0 || n[2]+n[3] != size {
		v.Problems = append(v.Problems, fmt.Sprintf("the signed ranges %v do not cover the whole file of %d bytes", n, size))
		return false
	}
	gap := doc[n[1]:n[2]]
	if gap[0] != '<' || gap[len(gap)-1] != '>' {
		v.Problems = append(v.Problems, "the unsigned gap is not the signature value")
		return false
	}
	for _, c := range gap[1 : len(gap)-1] {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			v.Problems = append(v.Problems, "the unsigned gap holds more than the signature value")
			return false
		}
	}
	return true
}

// trusted checks the signing certificate against roots at the signing time.
func trusted(v *Verification, roots *x509.CertPool) bool {
	if roots == nil {
		v.Problems = append(v.Problems, "no trusted roots given")
		return false
	}
	if v.Certificate.KeyUsage != 0 && v.Certificate.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		v.Problems = append(v.Problems, "the certificate does not allow digital signatures")
		return false
	}
	inter := x509.NewCertPool()
	for _, c := range v.Chain {
		inter.AddCert(c)
	}
	if v.SigningTime.IsZero() {
		v.Problems = append(v.Problems, "the signature states no signing time to check the certificate at")
		return false
	}
	_, err := v.Certificate.Verify(x509.VerifyOptions{
		Roots:         roots,
		Intermediates: inter,
		CurrentTime:   v.SigningTime,
		KeyUsages:     []x509.ExtKeyUsage{x509.ExtKeyUsageAny},
	})
	if err != nil {
		v.Problems = append(v.Problems, "the certificate is not trusted: "+err.Error())
		return false
	}
	return true
}

// pdfDate parses a PDF date "D:20260220160000+07'00'".
func pdfDate(s string) (time.Time, error) {
	for _, layout := range []string{"D:20060102150405Z07'00'", "D:20060102150405Z07'00", "D:20060102150405Z"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a PDF date: %q", s)
}
