package result

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewDemoCAIdempotent(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ca")
	now := time.Now()
	first, err := NewDemoCA(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	second, err := NewDemoCA(dir, now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if !first.Certificate().Equal(second.Certificate()) {
		t.Error("the second call issued a new signing certificate")
	}
	if string(first.RootPEM()) != string(second.RootPEM()) || first.RootPEM() == nil {
		t.Error("the second call made a new CA")
	}
	caPEM, err := os.ReadFile(filepath.Join(dir, DemoCACertFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(caPEM) != string(first.RootPEM()) {
		t.Errorf("RootPEM differs from %s", DemoCACertFile)
	}

	for _, name := range []string{DemoCAKeyFile, DemoSignerKeyFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("%s mode = %o, want 600", name, got)
		}
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("directory mode = %v (%v), want 700", fi.Mode().Perm(), err)
	}

	c := first.Certificate()
	if c.Subject.CommonName != DemoSignerName || first.Name() != DemoSignerName {
		t.Errorf("signer CN = %q, want %q", c.Subject.CommonName, DemoSignerName)
	}
	if c.KeyUsage != x509.KeyUsageDigitalSignature|x509.KeyUsageContentCommitment {
		t.Errorf("key usage = %b, want digitalSignature|nonRepudiation", c.KeyUsage)
	}
	if c.IsCA {
		t.Error("the signing certificate is a CA")
	}
	ca := first.Chain()[len(first.Chain())-1]
	if ca.Subject.CommonName != DemoCAName || !ca.IsCA {
		t.Errorf("root = %q (CA %v), want the CA %q", ca.Subject.CommonName, ca.IsCA, DemoCAName)
	}
	if _, err := c.Verify(x509.VerifyOptions{Roots: first.Roots(), KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageAny}}); err != nil {
		t.Errorf("signing certificate does not chain to the demo CA: %v", err)
	}
	if years := c.NotAfter.Sub(c.NotBefore).Hours() / 24 / 365; years < 2 || years > 5 {
		t.Errorf("signing certificate valid %.1f years, want a few", years)
	}

	// The files load with LoadSigner as any certificate would.
	loaded, err := LoadSigner(filepath.Join(dir, DemoSignerCertFile), filepath.Join(dir, DemoSignerKeyFile), now)
	if err != nil {
		t.Fatal(err)
	}
	if !loaded.Certificate().Equal(c) || len(loaded.Chain()) != 2 {
		t.Errorf("LoadSigner read another signer (chain of %d)", len(loaded.Chain()))
	}
}

func TestNewDemoCARenewsExpiredSigner(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	first, err := NewDemoCA(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	later := first.Certificate().NotAfter.Add(24 * time.Hour)
	renewed, err := NewDemoCA(dir, later)
	if err != nil {
		t.Fatal(err)
	}
	if renewed.Certificate().Equal(first.Certificate()) {
		t.Fatal("the expired signing certificate was kept")
	}
	if string(renewed.RootPEM()) != string(first.RootPEM()) {
		t.Error("renewing the signing certificate made a new CA")
	}
	again, err := NewDemoCA(dir, later)
	if err != nil || !again.Certificate().Equal(renewed.Certificate()) {
		t.Errorf("the renewed certificate is not kept: %v", err)
	}
}

func TestNewDemoCARefusesPartialCA(t *testing.T) {
	dir := t.TempDir()
	if _, err := NewDemoCA(dir, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, DemoCACertFile)); err != nil {
		t.Fatal(err)
	}
	_, err := NewDemoCA(dir, time.Now())
	if err == nil || !strings.Contains(err.Error(), DemoCACertFile) {
		t.Fatalf("err = %v, want one naming the missing %s", err, DemoCACertFile)
	}
	if _, serr := os.Stat(filepath.Join(dir, DemoCACertFile)); serr == nil {
		t.Error("a new CA certificate was written beside the old key")
	}
}

func TestLoadSignerRefuses(t *testing.T) {
	dir := t.TempDir()
	now := time.Now()
	if _, err := NewDemoCA(dir, now); err != nil {
		t.Fatal(err)
	}
	signerCert := filepath.Join(dir, DemoSignerCertFile)
	signerKey := filepath.Join(dir, DemoSignerKeyFile)

	// An expired demo signer, made as if five years ago.
	oldDir := t.TempDir()
	old, err := NewDemoCA(oldDir, now.AddDate(-5, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !now.After(old.Certificate().NotAfter) {
		t.Fatal("the old signing certificate has not expired")
	}

	otherKey := filepath.Join(t.TempDir(), "other-key.pem")
	k, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	writePEM(t, otherKey, "EC PRIVATE KEY", mustDER(x509.MarshalECPrivateKey(k)))

	tests := []struct {
		name, cert, key string
		now             time.Time
		want            string
	}{
		{"key of another certificate", signerCert, otherKey, now, "does not match"},
		{"CA key with the signer certificate", signerCert, filepath.Join(dir, DemoCAKeyFile), now, "does not match"},
		{"expired", filepath.Join(oldDir, DemoSignerCertFile), filepath.Join(oldDir, DemoSignerKeyFile), now, "expired"},
		{"not yet valid", signerCert, signerKey, now.AddDate(0, 0, -1), "not valid before"},
		{"CA certificate cannot sign documents", filepath.Join(dir, DemoCACertFile), filepath.Join(dir, DemoCAKeyFile), now, "digital signatures"},
		{"no certificate", signerKey, signerKey, now, "no PEM CERTIFICATE"},
		{"no key", signerCert, signerCert, now, "no PEM private key"},
		{"missing file", filepath.Join(dir, "nope.pem"), signerKey, now, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadSigner(tc.cert, tc.key, tc.now)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestLoadSignerKeyFormats(t *testing.T) {
	now := time.Now()
	rsaKey, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	ecKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	small, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	tests := []struct {
		name    string
		key     crypto.Signer
		pemType string
		der     []byte
		wantErr string
	}{
		{"RSA PKCS#1", rsaKey, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey), ""},
		{"RSA PKCS#8", rsaKey, "PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(rsaKey)), ""},
		{"EC SEC 1", ecKey, "EC PRIVATE KEY", mustDER(x509.MarshalECPrivateKey(ecKey)), ""},
		{"EC PKCS#8", ecKey, "PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(ecKey)), ""},
		{"P-384 refused", small, "PRIVATE KEY", mustDER(x509.MarshalPKCS8PrivateKey(small)), "P-256"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			certPath, keyPath := filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
			writePEM(t, certPath, "CERTIFICATE", selfSignedLeaf(t, tc.key, now))
			writePEM(t, keyPath, tc.pemType, tc.der)
			s, err := LoadSigner(certPath, keyPath, now)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.Name() != "Test Signer" || len(s.Chain()) != 1 {
				t.Errorf("signer %q with a chain of %d", s.Name(), len(s.Chain()))
			}
		})
	}
}

// selfSignedLeaf is a self-signed document-signing certificate for key.
func selfSignedLeaf(t *testing.T, key crypto.Signer, now time.Time) []byte {
	t.Helper()
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(7),
		Subject:               pkix.Name{CommonName: "Test Signer"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(24 * time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func writePEM(t *testing.T, path, typ string, der []byte) {
	t.Helper()
	if err := os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
}

func mustDER(der []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return der
}
