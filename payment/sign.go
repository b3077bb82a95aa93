package payment

import (
	"crypto/hmac"
	"crypto/sha512"
	"encoding/hex"
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// Parameter names of the protocol that the signing rules single out.
const (
	paramPrefix     = "vnp_"
	paramSecureHash = "vnp_SecureHash"
	paramHashType   = "vnp_SecureHashType"
)

// HashType is the vnp_SecureHashType of the signature both providers use.
const HashType = "HMACSHA512"

// signData returns the string the signature covers: the vnp_* parameters
// except vnp_SecureHash and vnp_SecureHashType, empty values dropped, keys in
// ascending byte order, form-encoded as URLSearchParams does ("k1=v1&k2=v2").
// A signed parameter given twice is refused (ErrSignature): the signature
// covers one value per key, and which one the gateway meant is unknowable.
func signData(q url.Values) (string, error) {
	keys := make([]string, 0, len(q))
	for k, vs := range q {
		if !strings.HasPrefix(k, paramPrefix) || k == paramSecureHash || k == paramHashType {
			continue
		}
		nonEmpty := 0
		for _, v := range vs {
			if v != "" {
				nonEmpty++
			}
		}
		switch {
		case nonEmpty > 1 || nonEmpty == 1 && len(vs) > 1:
			return "", fmt.Errorf("%w: %s is repeated", ErrSignature, clip(k))
		case nonEmpty == 1:
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		formEncode(&b, k)
		b.WriteByte('=')
		formEncode(&b, q[k][0])
	}
	return b.String(), nil
}

// mac returns the HMAC-SHA512 of data under secret: the one signing function
// of both providers.
func mac(secret, data string) []byte {
	m := hmac.New(sha512.New, []byte(secret))
	m.Write([]byte(data))
	return m.Sum(nil)
}

// sign returns vnp_SecureHash for data: the hex of its mac.
func sign(secret, data string) string { return hex.EncodeToString(mac(secret, data)) }

// signedQuery returns the query string of the request q with vnp_SecureHash
// appended, as the gateway's own client libraries send it.
func signedQuery(secret string, q url.Values) (string, error) {
	data, err := signData(q)
	if err != nil {
		return "", err
	}
	return data + "&" + paramSecureHash + "=" + sign(secret, data), nil
}

// checkSignature verifies vnp_SecureHash of q in constant time. The hash is
// compared as bytes, so upper- and lower-case hex are both accepted.
func checkSignature(secret string, q url.Values) error {
	hs := q[paramSecureHash]
	if len(hs) != 1 || hs[0] == "" {
		return fmt.Errorf("%w: %s is missing or repeated", ErrSignature, paramSecureHash)
	}
	got, err := hex.DecodeString(hs[0])
	if err != nil || len(got) != sha512.Size {
		return fmt.Errorf("%w: %s is not a hex HMAC-SHA512", ErrSignature, paramSecureHash)
	}
	data, err := signData(q)
	if err != nil {
		return err
	}
	if !hmac.Equal(got, mac(secret, data)) {
		return fmt.Errorf("%w: %s does not match", ErrSignature, paramSecureHash)
	}
	return nil
}

// formEncode writes s as the application/x-www-form-urlencoded serializer of
// the WHATWG URL standard (URLSearchParams) does, which is also what Java's
// URLEncoder does: ASCII letters, digits and "*-._" stay, a space becomes '+',
// every other byte becomes %XX in upper-case hex. Go's url.QueryEscape differs
// on '*' and '~', so it is not used.
func formEncode(b *strings.Builder, s string) {
	const hexDigits = "0123456789ABCDEF"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '*', c == '-', c == '.', c == '_':
			b.WriteByte(c)
		case c == ' ':
			b.WriteByte('+')
		default:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		}
	}
}

// clip shortens untrusted text before it goes into an error message.
func clip(s string) string {
	const max = 40
	if len(s) > max {
		return fmt.Sprintf("%q…", s[:max])
	}
	return fmt.Sprintf("%q", s)
}
