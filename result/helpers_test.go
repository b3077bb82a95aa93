package result

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/hpdoet/cchc/report"
)

const (
	testDossier = "000.00.31.H26-260213-0042"
	testResult  = testDossier + "-KQ1"
	testURL     = "https://dichvucong.haiphong.edu.vn/xac-thuc/" + testResult
	testID      = "031308001234" // a made-up identity number; only "234" may be printed
)

// fixture is a Vietnamese result: a decision granting a copy of a diploma.
func fixture() Document {
	return Document{
		DossierCode:   testDossier,
		ResultCode:    testResult,
		ProcedureName: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
		Summary:       "Về việc cấp bản sao bằng tốt nghiệp trung học phổ thông từ sổ gốc",
		Holder:        "Nguyễn Thị Hồng Nhung",
		HolderDetails: []Detail{
			{Label: "Ngày sinh", Value: "12/05/2008"},
			{Label: "Số định danh cá nhân", Value: MaskID(testID)},
		},
		DecisionText: strings.Join([]string{
			"GIÁM ĐỐC SỞ GIÁO DỤC VÀ ĐÀO TẠO HẢI PHÒNG",
			"Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục hành chính trên môi trường điện tử;",
			"Xét đề nghị của Trưởng phòng Quản lý chất lượng,",
			"QUYẾT ĐỊNH:",
			"Điều 1. Cấp bản sao bằng tốt nghiệp trung học phổ thông từ sổ gốc cho bà Nguyễn Thị Hồng Nhung, số hiệu bằng B0123456, vào sổ cấp bằng số 1234/THPT.",
			"Điều 2. Quyết định có hiệu lực kể từ ngày ký.",
		}, "\n"),
		// 02:00 UTC is 09:00 in Hải Phòng.
		IssuedAt:    time.Date(2026, 2, 20, 2, 0, 0, 0, time.UTC),
		SignerName:  "Lê Thị Thu Hà",
		SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
		Recipients:  []string{"Như Điều 1", "Lưu: VT, QLCL"},
		VerifyURL:   testURL,
	}
}

func render(t *testing.T, d Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Render(&buf, d); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return buf.Bytes()
}

// signed is the fixture rendered and signed once for the whole package run
// with a demo CA made now: the CMS signing time is the machine's clock, so the
// certificates must be valid now.
var signed = sync.OnceValues(func() (*fixtureSigned, error) {
	dir, err := os.MkdirTemp("", "cchc-result-ca")
	if err != nil {
		return nil, err
	}
	s, err := NewDemoCA(dir, time.Now())
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := Render(&buf, fixture()); err != nil {
		return nil, err
	}
	pdf, err := s.Sign(buf.Bytes(), "", time.Now())
	if err != nil {
		return nil, err
	}
	return &fixtureSigned{dir: dir, signer: s, unsigned: buf.Bytes(), pdf: pdf}, nil
})

type fixtureSigned struct {
	dir           string // the demo CA's directory
	signer        *Signer
	unsigned, pdf []byte
}

func signedFixture(t *testing.T) *fixtureSigned {
	t.Helper()
	f, err := signed()
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestMain(m *testing.M) {
	code := m.Run()
	if f, err := signed(); err == nil {
		os.RemoveAll(f.dir)
	}
	os.Exit(code)
}

// tool returns the path of an external program; without it the test skips,
// or fails under CI=true.
func tool(t *testing.T, name, pkg string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not on PATH; CI must install the Debian package %s", name, pkg)
		}
		t.Skipf("%s is not on PATH (Debian package %s)", name, pkg)
	}
	return p
}

// run returns a program's standard output; its standard error is shown only
// when it fails (zbarimg, for one, complains there about a missing D-Bus).
func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s%s", filepath.Base(name), strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return string(out)
}

func tempFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

var spaces = regexp.MustCompile(`\s+`)

// pdfText is pdftotext's text with each run of white space made one space.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin := tool(t, "pdftotext", "poppler-utils")
	out := run(t, bin, "-layout", "-enc", "UTF-8", tempFile(t, "r.pdf", pdf), "-")
	return spaces.ReplaceAllString(out, " ")
}

// vn is a civil time in Hải Phòng.
func vn(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, report.VietnamTime)
}
