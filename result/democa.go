package result

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/asn1"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"time"
)

// Files NewDemoCA keeps in its directory. Key files are written with mode
// 0600, the directory with 0700.
const (
	DemoCACertFile     = "demo-ca.pem"         // the self-signed root; give it to verifiers as a trusted root
	DemoCAKeyFile      = "demo-ca-key.pem"     // PKCS#8, kept to renew the signing certificate
	DemoSignerCertFile = "demo-signer.pem"     // signing certificate followed by the root
	DemoSignerKeyFile  = "demo-signer-key.pem" // PKCS#8
)

// Subjects of the demo certificates.
const (
	DemoCAName     = "cchc demo CA — Sở GD&ĐT Hải Phòng (demo)"
	DemoSignerName = "SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG"
)

// Validity of the demo certificates.
const (
	demoCAYears     = 10
	demoSignerYears = 3
)

// oidDocumentSigning is the Document Signing extended key usage of RFC 9336,
// which PDF verifiers look for.
var oidDocumentSigning = asn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 3, 36}

// NewDemoCA returns the demo signer kept in dir, creating it on first use: a
// self-signed root CA (DemoCAName, ECDSA P-256, ten years) and a signing
// certificate for DemoSignerName issued by it (ECDSA P-256, three years, key
// usage digitalSignature and nonRepudiation). Later calls load the same files,
// so a restart keeps the same CA; an expired signing certificate is renewed
// from the kept CA. It never overwrites a CA: a directory holding only part of
// one is an error for the operator to resolve.
//
// The demo CA is for development and demonstrations. A real result must be
// signed with a certificate from a licensed trust-service provider (or the
// Government's CA), loaded with LoadSigner.
func NewDemoCA(dir string, now time.Time) (*Signer, error) {
	s, err := demoCA(dir, now)
	if err != nil {
		return nil, fmt.Errorf("result: demo CA in %s: %w", dir, err)
	}
	return s, nil
}

func demoCA(dir string, now time.Time) (*Signer, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	ca, caKey, err := loadOrCreateCA(dir, now)
	if err != nil {
		return nil, err
	}
	certPath := filepath.Join(dir, DemoSignerCertFile)
	keyPath := filepath.Join(dir, DemoSignerKeyFile)
	switch found, err := pairExists(certPath, keyPath); {
	case err != nil:
		return nil, err
	case found:
		s, err := LoadSigner(certPath, keyPath, now)
		if err == nil {
			if last := s.chain[len(s.chain)-1]; !last.Equal(ca) {
				return nil, fmt.Errorf("%s is not issued by %s", DemoSignerCertFile, DemoCACertFile)
			}
			return s, nil
		}
		// Only an expired signing certificate is renewed; anything else is
		// reported.
		chain, perr := readChain(certPath)
		if perr != nil || !now.After(chain[0].NotAfter) {
			return nil, err
		}
	}
	return issueDemoSigner(dir, ca, caKey, now)
}

// pairExists reports whether both files exist; exactly one of them is an
// error.
func pairExists(a, b string) (bool, error) {
	ea, err := exists(a)
	if err != nil {
		return false, err
	}
	eb, err := exists(b)
	if err != nil {
		return false, err
	}
	if ea != eb {
		missing := a
		if ea {
			missing = b
		}
		return false, fmt.Errorf("%s is missing while its pair exists: restore it or remove both", filepath.Base(missing))
	}
	return ea, nil
}

func exists(path string) (bool, error) {
	_, err := os.Stat(path)
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, err
}

func readChain(path string) ([]*x509.Certificate, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return parseCertificates(data)
}

// loadOrCreateCA loads the demo root CA, or creates it when neither of its
// files exists.
func loadOrCreateCA(dir string, now time.Time) (*x509.Certificate, crypto.Signer, error) {
	certPath := filepath.Join(dir, DemoCACertFile)
	keyPath := filepath.Join(dir, DemoCAKeyFile)
	found, err := pairExists(certPath, keyPath)
	if err != nil {
		return nil, nil, err
	}
	if found {
		certData, err := os.ReadFile(certPath)
		if err != nil {
			return nil, nil, err
		}
		keyData, err := os.ReadFile(keyPath)
		if err != nil {
			return nil, nil, err
		}
		s, err := parsePair(certData, keyData, now)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", DemoCACertFile, err)
		}
		if !s.cert.IsCA || !selfSigned(s.cert) {
			return nil, nil, fmt.Errorf("%s is not a self-signed CA certificate", DemoCACertFile)
		}
		return s.cert, s.key, nil
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:   DemoCAName,
			Organization: []string{"cchc (demo)"},
			Country:      []string{"VN"},
		},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.AddDate(demoCAYears, 0, 0),
		IsCA:                  true,
		BasicConstraintsValid: true,
		MaxPathLenZero:        true,
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, nil, fmt.Errorf("creating CA certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, nil, err
	}
	keyPEM, err := pkcs8PEM(key)
	if err != nil {
		return nil, nil, err
	}
	// The key first: a crash between the two writes leaves a key without a
	// certificate, which the next call reports instead of silently replacing.
	if err := writeNew(keyPath, keyPEM, 0o600); err != nil {
		return nil, nil, err
	}
	if err := writeNew(certPath, certPEM(cert), 0o644); err != nil {
		return nil, nil, err
	}
	return cert, key, nil
}

// issueDemoSigner issues a new signing certificate from the CA and writes it
// with its key, replacing an expired one.
func issueDemoSigner(dir string, ca *x509.Certificate, caKey crypto.Signer, now time.Time) (*Signer, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := newSerial()
	if err != nil {
		return nil, err
	}
	notAfter := now.AddDate(demoSignerYears, 0, 0)
	if notAfter.After(ca.NotAfter) {
		notAfter = ca.NotAfter
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject: pkix.Name{
			CommonName:         DemoSignerName,
			Organization:       []string{"Sở Giáo dục và Đào tạo Hải Phòng"},
			OrganizationalUnit: []string{"Chứng thư thử nghiệm (demo), không có giá trị pháp lý"},
			Locality:           []string{"Hải Phòng"},
			Country:            []string{"VN"},
		},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              notAfter,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageContentCommitment,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageEmailProtection},
		UnknownExtKeyUsage:    []asn1.ObjectIdentifier{oidDocumentSigning},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, key.Public(), caKey)
	if err != nil {
		return nil, fmt.Errorf("creating signing certificate: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, err
	}
	keyPEM, err := pkcs8PEM(key)
	if err != nil {
		return nil, err
	}
	chainPEM := append(certPEM(cert), certPEM(ca)...)
	if err := writeReplace(filepath.Join(dir, DemoSignerKeyFile), keyPEM, 0o600); err != nil {
		return nil, err
	}
	if err := writeReplace(filepath.Join(dir, DemoSignerCertFile), chainPEM, 0o644); err != nil {
		return nil, err
	}
	s := &Signer{cert: cert, chain: []*x509.Certificate{cert, ca}, key: key}
	if err := s.check(now); err != nil {
		return nil, err
	}
	if err := s.checkUsage(); err != nil {
		return nil, err
	}
	return s, nil
}

func newSerial() (*big.Int, error) {
	return rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
}

func certPEM(c *x509.Certificate) []byte {
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: c.Raw})
}

func pkcs8PEM(key crypto.Signer) ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// writeTemp writes data to a new file beside path with the given mode and
// returns its name.
func writeTemp(path string, data []byte, mode os.FileMode) (string, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	err = f.Chmod(mode)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// writeNew creates path with data, whole or not at all, and fails if path
// already exists (another process created it meanwhile).
func writeNew(path string, data []byte, mode os.FileMode) error {
	tmp, err := writeTemp(path, data, mode)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := os.Link(tmp, path); err != nil {
		return fmt.Errorf("writing %s: %w", filepath.Base(path), err)
	}
	return nil
}

// writeReplace writes path with data, whole or not at all, replacing it.
func writeReplace(path string, data []byte, mode os.FileMode) error {
	tmp, err := writeTemp(path, data, mode)
	if err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}
