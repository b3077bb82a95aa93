// Package mailtest runs a small SMTP receiver for tests: it accepts every
// message on 127.0.0.1 and hands back the parsed messages.
package mailtest

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"mime"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"
)

// Received is one delivered message, decoded.
type Received struct {
	From, To string // envelope
	Header   mail.Header
	Subject  string // decoded
	Body     string // decoded
}

// Server is a local SMTP receiver.
type Server struct {
	ln   net.Listener
	mu   sync.Mutex
	msgs []Received
	cond *sync.Cond
}

// Start listens on a free port and stops when the test ends.
func Start(t testing.TB) *Server {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ln: ln}
	s.cond = sync.NewCond(&s.mu)
	go s.serve()
	t.Cleanup(func() { ln.Close() })
	return s
}

// Host and Port of the server.
func (s *Server) Host() string { return "127.0.0.1" }

// Port of the server.
func (s *Server) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

// Wait returns the first n messages, or fails after the timeout.
func (s *Server) Wait(t testing.TB, n int, timeout time.Duration) []Received {
	t.Helper()
	deadline := time.Now().Add(timeout)
	s.mu.Lock()
	defer s.mu.Unlock()
	for len(s.msgs) < n {
		if time.Now().After(deadline) {
			t.Fatalf("mailtest: %d messages after %s, want %d", len(s.msgs), timeout, n)
		}
		s.mu.Unlock()
		time.Sleep(20 * time.Millisecond)
		s.mu.Lock()
	}
	return append([]Received(nil), s.msgs[:n]...)
}

// Messages returns what has arrived so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.msgs...)
}

func (s *Server) serve() {
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		go s.session(c)
	}
}

func (s *Server) session(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(30 * time.Second))
	r := bufio.NewReader(c)
	reply := func(line string) { fmt.Fprintf(c, "%s\r\n", line) }
	reply("220 mailtest ready")
	var from, to string
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		cmd := strings.ToUpper(strings.TrimSpace(line))
		switch {
		case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
			reply("250 mailtest")
		case strings.HasPrefix(cmd, "MAIL FROM:"):
			from = strings.Trim(strings.TrimSpace(line)[10:], "<> ")
			reply("250 ok")
		case strings.HasPrefix(cmd, "RCPT TO:"):
			to = strings.Trim(strings.TrimSpace(line)[8:], "<> ")
			reply("250 ok")
		case cmd == "DATA":
			reply("354 end with .")
			var data bytes.Buffer
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" || l == ".\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, "."))
			}
			s.store(from, to, data.Bytes())
			reply("250 queued")
		case cmd == "QUIT":
			reply("221 bye")
			return
		case cmd == "RSET", cmd == "NOOP":
			reply("250 ok")
		default:
			reply("502 not implemented")
		}
	}
}

func (s *Server) store(from, to string, raw []byte) {
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	rec := Received{From: from, To: to}
	if err == nil {
		rec.Header = m.Header
		dec := new(mime.WordDecoder)
		rec.Subject, _ = dec.DecodeHeader(m.Header.Get("Subject"))
		body, _ := io.ReadAll(m.Body)
		if strings.EqualFold(m.Header.Get("Content-Transfer-Encoding"), "base64") {
			body, _ = decodeBase64(body)
		}
		rec.Body = strings.ReplaceAll(string(body), "\r\n", "\n")
	}
	s.mu.Lock()
	s.msgs = append(s.msgs, rec)
	s.mu.Unlock()
}
