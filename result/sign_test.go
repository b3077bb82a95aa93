package result

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

const pdfsigValid = "Signature Validation: Signature is Valid."

// pdfsig runs poppler's pdfsig, which exits 0 whether or not the signature
// is valid: callers read its text.
func pdfsig(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin := tool(t, "pdfsig", "poppler-utils")
	out, _ := exec.Command(bin, append(args, tempFile(t, "s.pdf", pdf))...).CombinedOutput()
	return string(out)
}

func TestSignPdfsigValid(t *testing.T) {
	f := signedFixture(t)
	// -nocert: the digest and CMS signature only; the demo CA is not in any
	// NSS database (TestSignPdfsigTrusted adds it).
	out := pdfsig(t, f.pdf, "-nocert")
	t.Logf("pdfsig -nocert:\n%s", out)
	for _, want := range []string{
		pdfsigValid,
		"Signer Certificate Common Name: " + DemoSignerName,
		"Signing Hash Algorithm: SHA-256",
		"Signature Type: adbe.pkcs7.detached",
		"Total document signed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("pdfsig output lacks %q", want)
		}
	}
}

// TestSignPdfsigTrusted puts the demo CA in a fresh NSS database and checks
// that pdfsig then trusts the signing certificate. It needs certutil (Debian
// package libnss3-tools), which CI does not install, so it only ever skips
// without it. pdfsig is run without -no-ocsp: poppler 22.12 reports "Unknown
// issue with Certificate" for a trusted chain when -no-ocsp is given; the
// demo certificates name no OCSP responder, so nothing is fetched.
func TestSignPdfsigTrusted(t *testing.T) {
	certutil, err := exec.LookPath("certutil")
	if err != nil {
		t.Skip("certutil is not on PATH (Debian package libnss3-tools)")
	}
	f := signedFixture(t)
	db := "sql:" + t.TempDir()
	run(t, certutil, "-N", "-d", db, "--empty-password")
	run(t, certutil, "-A", "-d", db, "-n", "cchc-demo-ca", "-t", "C,C,C", "-i", filepath.Join(f.dir, DemoCACertFile))
	out := pdfsig(t, f.pdf, "-nssdir", db)
	if !strings.Contains(out, pdfsigValid) || !strings.Contains(out, "Certificate Validation: Certificate is Trusted.") {
		t.Errorf("pdfsig with the demo CA trusted:\n%s", out)
	}
}

// signedRange returns the ByteRange of the (one) signature.
func signedRange(t *testing.T, pdf []byte) [4]int {
	t.Helper()
	m := regexp.MustCompile(`/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]`).FindSubmatch(pdf)
	if m == nil {
		t.Fatal("no /ByteRange in the signed file")
	}
	var br [4]int
	for i := range br {
		br[i], _ = strconv.Atoi(string(m[i+1]))
	}
	return br
}

// tamper flips one byte inside the page's content stream: in the signed
// range, and outside the /Contents hex of the signature.
func tamper(t *testing.T, pdf []byte) []byte {
	t.Helper()
	br := signedRange(t, pdf)
	at := bytes.Index(pdf, []byte("stream\n")) + len("stream\n") + 20
	if at < 100 || at >= br[1] {
		t.Fatalf("no content stream in the first signed range [0, %d)", br[1])
	}
	out := bytes.Clone(pdf)
	out[at] ^= 0x01
	return out
}

func TestSignPdfsigTampered(t *testing.T) {
	bad := tamper(t, signedFixture(t).pdf)
	out := pdfsig(t, bad, "-nocert")
	t.Logf("pdfsig -nocert on the tampered file:\n%s", out)
	if strings.Contains(out, pdfsigValid) {
		t.Fatal("pdfsig calls a tampered file valid")
	}
	if !strings.Contains(out, "Digest Mismatch") {
		t.Errorf("pdfsig does not report a digest mismatch")
	}
}

func TestSignDictionary(t *testing.T) {
	f := signedFixture(t)
	if !bytes.HasPrefix(f.pdf, f.unsigned) {
		t.Error("signing changed the rendered bytes instead of appending an incremental update")
	}
	br := signedRange(t, f.pdf)
	if br[0] != 0 || br[2]+br[3] != len(f.pdf) {
		t.Errorf("ByteRange %v does not cover the file of %d bytes", br, len(f.pdf))
	}
	for _, want := range []string{"/SubFilter /adbe.pkcs7.detached", "/DigestMethod /SHA256", "/TransformMethod /DocMDP"} {
		if !bytes.Contains(f.pdf, []byte(want)) {
			t.Errorf("signature dictionary lacks %s", want)
		}
	}
}

func TestSignRefusesExpiredCertificate(t *testing.T) {
	f := signedFixture(t)
	_, err := f.signer.Sign(f.unsigned, "", f.signer.Certificate().NotAfter.Add(time.Minute))
	if err == nil || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("err = %v, want an expired-certificate error", err)
	}
	if _, err := f.signer.Sign([]byte("not a pdf"), "", time.Now()); err == nil {
		t.Error("signed something that is not a PDF")
	}
}

// TestSignRSA signs with an RSA-2048 key in PKCS#1, the other key type the
// signer accepts.
func TestSignRSA(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	dir := t.TempDir()
	certPath, keyPath := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	writePEM(t, certPath, "CERTIFICATE", selfSignedLeaf(t, key, now))
	writePEM(t, keyPath, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key))
	s, err := LoadSigner(certPath, keyPath, now)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := s.Sign(signedFixture(t).unsigned, "", now)
	if err != nil {
		t.Fatal(err)
	}
	v, err := VerifySignature(pdf, s.Roots())
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid() {
		t.Errorf("RSA signature not valid: %v", v.Problems)
	}
	if out := pdfsig(t, pdf, "-nocert"); !strings.Contains(out, pdfsigValid) {
		t.Errorf("pdfsig on the RSA signature:\n%s", out)
	}
}

// TestSignText checks the signer's text survives pdfsign's unescaped UTF-16
// strings: "ĩ" (U+0129) holds the byte of ")".
func TestSignText(t *testing.T) {
	f := signedFixture(t)
	pdf, err := f.signer.Sign(f.unsigned, `Ký số (thử) chủ nghĩa\ nghĩa vụ`, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	v, err := VerifySignature(pdf, f.signer.Roots())
	if err != nil {
		t.Fatal(err)
	}
	if want := "Ký số [thử] chủ nghĩa/ nghĩa vụ"; v.Reason != want {
		t.Errorf("reason = %q, want %q", v.Reason, want)
	}
	if !v.Valid() {
		t.Errorf("not valid: %v", v.Problems)
	}
	if out := pdfsig(t, pdf, "-nocert"); !strings.Contains(out, pdfsigValid) {
		t.Errorf("pdfsig:\n%s", out)
	}
}

func TestFingerprint(t *testing.T) {
	f := signedFixture(t)
	fp := Fingerprint(f.pdf)
	if len(fp) != 64 || strings.Trim(fp, "0123456789abcdef") != "" {
		t.Fatalf("fingerprint %q is not lower-case hex SHA-256", fp)
	}
	if Fingerprint(bytes.Clone(f.pdf)) != fp {
		t.Error("fingerprint of the same bytes differs")
	}
	changed := bytes.Clone(f.pdf)
	changed[len(changed)/2] ^= 0x01
	if Fingerprint(changed) == fp {
		t.Error("fingerprint unchanged after a byte changed")
	}
	// The SHA-256 of "abc" (FIPS 180-2).
	if got := Fingerprint([]byte("abc")); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("Fingerprint(abc) = %s", got)
	}
}

func TestVerifySignature(t *testing.T) {
	f := signedFixture(t)
	v, err := VerifySignature(f.pdf, f.signer.Roots())
	if err != nil {
		t.Fatal(err)
	}
	if !v.Valid() || len(v.Problems) > 0 {
		t.Fatalf("the signed fixture is not valid: %v", v.Problems)
	}
	if v.SignerName != DemoSignerName || v.Name != DemoSignerName {
		t.Errorf("signer = %q / %q, want %q", v.SignerName, v.Name, DemoSignerName)
	}
	if v.Reason != DefaultReason || v.Location != SignLocation {
		t.Errorf("reason %q, location %q", v.Reason, v.Location)
	}
	if d := time.Since(v.SigningTime); d < 0 || d > time.Hour {
		t.Errorf("signing time %v is not about now", v.SigningTime)
	}
	if len(v.Chain) != 2 {
		t.Errorf("%d certificates embedded, want the signer and the CA", len(v.Chain))
	}
	if v.Fingerprint != Fingerprint(f.pdf) {
		t.Error("fingerprint is not the file's")
	}

	t.Run("tampered", func(t *testing.T) {
		v, err := VerifySignature(tamper(t, f.pdf), f.signer.Roots())
		if err != nil {
			t.Fatal(err)
		}
		if v.DigestValid || v.Valid() {
			t.Errorf("tampered file verifies: %+v", v)
		}
	})
	t.Run("appended", func(t *testing.T) {
		v, err := VerifySignature(append(bytes.Clone(f.pdf), "\n% added\n"...), f.signer.Roots())
		if err != nil {
			t.Fatal(err)
		}
		if v.WholeFile || v.Valid() || !v.DigestValid {
			t.Errorf("appended bytes: whole file %v, digest %v, valid %v", v.WholeFile, v.DigestValid, v.Valid())
		}
	})
	t.Run("untrusted root", func(t *testing.T) {
		other, err := NewDemoCA(t.TempDir(), time.Now())
		if err != nil {
			t.Fatal(err)
		}
		v, err := VerifySignature(f.pdf, other.Roots())
		if err != nil {
			t.Fatal(err)
		}
		if v.Trusted || v.Valid() || !v.DigestValid {
			t.Errorf("another CA: trusted %v, digest %v", v.Trusted, v.DigestValid)
		}
		if v, _ := VerifySignature(f.pdf, nil); v.Trusted {
			t.Error("trusted without roots")
		}
	})
	t.Run("unsigned", func(t *testing.T) {
		if _, err := VerifySignature(f.unsigned, f.signer.Roots()); !errors.Is(err, ErrNoSignature) {
			t.Errorf("err = %v, want ErrNoSignature", err)
		}
	})
	t.Run("not a PDF", func(t *testing.T) {
		for _, b := range [][]byte{nil, []byte("hello"), f.pdf[:len(f.pdf)/2]} {
			if v, err := VerifySignature(b, f.signer.Roots()); err == nil && v.Valid() {
				t.Errorf("%d bytes of junk verify", len(b))
			}
		}
	})
}
