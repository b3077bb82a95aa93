package result

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"time"
)

// Signer is a signing certificate with its private key: the digital signature
// of the Sở that every electronic result bears (Nghị định 45/2020/NĐ-CP, Điều
// 14 khoản 3). It is safe for concurrent use.
type Signer struct {
	cert  *x509.Certificate
	chain []*x509.Certificate // cert first, then its issuers in order
	key   crypto.Signer
}

// clockSkew is how far ahead of the certificate's NotBefore the caller's clock
// may be and still count as "now".
const clockSkew = 5 * time.Minute

// Certificate is the signing (end-entity) certificate.
func (s *Signer) Certificate() *x509.Certificate { return s.cert }

// Chain is the signing certificate followed by its issuers, as embedded in
// every signature. The caller must not modify it.
func (s *Signer) Chain() []*x509.Certificate { return s.chain }

// Name is the subject common name of the signing certificate, e.g. "SỞ GIÁO
// DỤC VÀ ĐÀO TẠO HẢI PHÒNG": the signer name written into each signature.
func (s *Signer) Name() string { return s.cert.Subject.CommonName }

// RootPEM is the PEM encoding of the last certificate of the chain when it is
// self-signed (the root CA a verifier must trust), or nil when the chain
// stops below a root.
func (s *Signer) RootPEM() []byte {
	last := s.chain[len(s.chain)-1]
	if !selfSigned(last) {
		return nil
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: last.Raw})
}

// Roots is a pool holding the chain's self-signed root, for VerifySignature.
// It is empty when the chain stops below a root.
func (s *Signer) Roots() *x509.CertPool {
	pool := x509.NewCertPool()
	if last := s.chain[len(s.chain)-1]; selfSigned(last) {
		pool.AddCert(last)
	}
	return pool
}

// selfSigned reports whether c is signed by its own key. CheckSignatureFrom
// would also demand that c be a CA, which a self-signed test signer is not.
func selfSigned(c *x509.Certificate) bool {
	return bytes.Equal(c.RawIssuer, c.RawSubject) &&
		c.CheckSignature(c.SignatureAlgorithm, c.RawTBSCertificate, c.Signature) == nil
}

// LoadSigner reads a signer from PEM files: certPEMPath holds the signing
// certificate followed by its issuers (leaf first), keyPEMPath the private key
// as PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC 1 ("EC PRIVATE
// KEY"), unencrypted. It checks that the key is RSA of at least 2048 bits or
// ECDSA P-256, that it matches the certificate, that each certificate of the
// chain is signed by the next, that the signing certificate allows digital
// signatures, and that every certificate is valid at now (a clock up to five
// minutes early is tolerated).
func LoadSigner(certPEMPath, keyPEMPath string, now time.Time) (*Signer, error) {
	certPEM, err := os.ReadFile(certPEMPath)
	if err != nil {
		return nil, fmt.Errorf("result: reading certificate: %w", err)
	}
	keyPEM, err := os.ReadFile(keyPEMPath)
	if err != nil {
		return nil, fmt.Errorf("result: reading private key: %w", err)
	}
	s, err := parsePair(certPEM, keyPEM, now)
	if err == nil {
		err = s.checkUsage()
	}
	if err != nil {
		return nil, fmt.Errorf("result: loading signer from %s and %s: %w", certPEMPath, keyPEMPath, err)
	}
	return s, nil
}

// parsePair reads a certificate chain and its key from PEM and checks them as
// LoadSigner does, except for the key usage.
func parsePair(certPEM, keyPEM []byte, now time.Time) (*Signer, error) {
	chain, err := parseCertificates(certPEM)
	if err != nil {
		return nil, err
	}
	key, err := parsePrivateKey(keyPEM)
	if err != nil {
		return nil, err
	}
	s := &Signer{cert: chain[0], chain: chain, key: key}
	if err := s.check(now); err != nil {
		return nil, err
	}
	return s, nil
}

// checkUsage reports an error when the certificate may not sign documents.
func (s *Signer) checkUsage() error {
	if s.cert.KeyUsage != 0 && s.cert.KeyUsage&x509.KeyUsageDigitalSignature == 0 {
		return errors.New("the certificate does not allow digital signatures (key usage)")
	}
	return nil
}

// check verifies the key type, that the key matches the certificate, and the
// chain's signatures and validity at now.
func (s *Signer) check(now time.Time) error {
	if err := checkKeyType(s.key.Public()); err != nil {
		return err
	}
	pub, ok := s.key.Public().(interface{ Equal(crypto.PublicKey) bool })
	if !ok || !pub.Equal(s.cert.PublicKey) {
		return errors.New("the private key does not match the certificate")
	}
	for i, c := range s.chain {
		if err := validAt(c, now); err != nil {
			return err
		}
		if i+1 < len(s.chain) {
			if err := c.CheckSignatureFrom(s.chain[i+1]); err != nil {
				return fmt.Errorf("certificate %q is not signed by the next one in the chain, %q: %w",
					c.Subject.CommonName, s.chain[i+1].Subject.CommonName, err)
			}
		}
	}
	return nil
}

// validAt reports an error when c is not valid at t.
func validAt(c *x509.Certificate, t time.Time) error {
	switch {
	case t.Add(clockSkew).Before(c.NotBefore):
		return fmt.Errorf("certificate %q is not valid before %s", c.Subject.CommonName, c.NotBefore.UTC().Format(time.RFC3339))
	case t.After(c.NotAfter):
		return fmt.Errorf("certificate %q expired on %s", c.Subject.CommonName, c.NotAfter.UTC().Format(time.RFC3339))
	}
	return nil
}

// checkKeyType accepts the key types the signatures were tested with.
func checkKeyType(pub crypto.PublicKey) error {
	switch k := pub.(type) {
	case *rsa.PublicKey:
		if k.N.BitLen() < 2048 {
			return fmt.Errorf("RSA key of %d bits: at least 2048 are required", k.N.BitLen())
		}
	case *ecdsa.PublicKey:
		if k.Curve != elliptic.P256() {
			return fmt.Errorf("ECDSA key on %s: only P-256 is supported", k.Curve.Params().Name)
		}
	default:
		return fmt.Errorf("%T keys are not supported: use RSA-2048 or ECDSA P-256", pub)
	}
	return nil
}

// parseCertificates reads every CERTIFICATE block, in order.
func parseCertificates(data []byte) ([]*x509.Certificate, error) {
	var chain []*x509.Certificate
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			break
		}
		if b.Type != "CERTIFICATE" {
			continue
		}
		c, err := x509.ParseCertificate(b.Bytes)
		if err != nil {
			return nil, fmt.Errorf("parsing certificate %d: %w", len(chain)+1, err)
		}
		chain = append(chain, c)
	}
	if len(chain) == 0 {
		return nil, errors.New("no PEM CERTIFICATE block found")
	}
	return chain, nil
}

// parsePrivateKey reads the first private key block.
func parsePrivateKey(data []byte) (crypto.Signer, error) {
	for {
		var b *pem.Block
		b, data = pem.Decode(data)
		if b == nil {
			return nil, errors.New("no PEM private key block found")
		}
		if _, encrypted := b.Headers["Proc-Type"]; encrypted || b.Type == "ENCRYPTED PRIVATE KEY" {
			return nil, errors.New("the private key is encrypted: give it unencrypted, readable by the service only")
		}
		var (
			key any
			err error
		)
		switch b.Type {
		case "PRIVATE KEY":
			key, err = x509.ParsePKCS8PrivateKey(b.Bytes)
		case "RSA PRIVATE KEY":
			key, err = x509.ParsePKCS1PrivateKey(b.Bytes)
		case "EC PRIVATE KEY":
			key, err = x509.ParseECPrivateKey(b.Bytes)
		default:
			continue // e.g. "EC PARAMETERS" before the key
		}
		if err != nil {
			return nil, fmt.Errorf("parsing %s: %w", b.Type, err)
		}
		s, ok := key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%T keys cannot sign", key)
		}
		return s, nil
	}
}
