package mail_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc/mail"
	"github.com/hpdoet/cchc/mail/mailtest"
)

func TestSendVietnamese(t *testing.T) {
	srv := mailtest.Start(t)
	s := &mail.SMTP{Host: srv.Host(), Port: srv.Port(), From: "Sở GD&ĐT Hải Phòng <khong-tra-loi@haiphong.edu.vn>"}
	body := "Kính gửi Ông/Bà Hoàng Văn Nam,\n\nHồ sơ 000.00.31.H26-260213-0001 đã được tiếp nhận.\nNgày hẹn trả: 27/02/2026."
	if err := s.Send(context.Background(), mail.Message{To: "Hoàng Văn Nam <nam@example.vn>", Subject: "Hồ sơ đã được tiếp nhận", Body: body}); err != nil {
		t.Fatal(err)
	}
	got := srv.Wait(t, 1, 5*time.Second)[0]
	if got.To != "nam@example.vn" || got.From != "khong-tra-loi@haiphong.edu.vn" {
		t.Errorf("envelope %s → %s", got.From, got.To)
	}
	if got.Subject != "Hồ sơ đã được tiếp nhận" {
		t.Errorf("subject = %q", got.Subject)
	}
	if got.Body != body {
		t.Errorf("body = %q", got.Body)
	}
}

func TestComposeRefusesBadInput(t *testing.T) {
	from := "Sở <a@b.vn>"
	for name, m := range map[string]mail.Message{
		"bad recipient":       {To: "not an address", Subject: "x", Body: "x"},
		"header injection":    {To: "a@b.vn", Subject: "x\r\nBcc: evil@x.com", Body: "x"},
		"recipient injection": {To: "a@b.vn\r\nBcc: evil@x.com", Subject: "x", Body: "x"},
	} {
		if _, err := mail.Compose(from, m, time.Now()); err == nil {
			t.Errorf("%s accepted", name)
		}
	}
	raw, err := mail.Compose(from, mail.Message{To: "a@b.vn", Subject: "Chào", Body: strings.Repeat("ữ", 300)}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(raw), "\r\n") {
		if len(line) > 998 {
			t.Errorf("line of %d bytes", len(line))
		}
	}
}

func TestDisabled(t *testing.T) {
	if err := (&mail.SMTP{}).Send(context.Background(), mail.Message{To: "a@b.vn"}); err != mail.ErrDisabled {
		t.Errorf("err = %v", err)
	}
}
