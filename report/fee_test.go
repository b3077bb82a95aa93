package report

import (
	"bytes"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

const (
	feeCode   = "000.00.20.H26-261127-0001"
	feeNumber = "000.00.20.H26-261127-0001-1"
	feeLookup = "https://dichvucong.haiphong.edu.vn/tra-cuu?ma=000.00.20.H26-261127-0001"
)

func feeFixture() FeeReceipt {
	return FeeReceipt{
		Agency:        slipAgency,
		Number:        feeNumber,
		DossierCode:   feeCode,
		ProcedureName: "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
		Payer:         "Nguyễn Thị Hồng Nhung",
		Address:       "Số 12 đường Lạch Tray, phường Gia Viên, thành phố Hải Phòng",
		Amount:        10000,
		Method:        "Trực tuyến qua cổng thanh toán (VNPAY)",
		TransactionNo: "14876523",
		// 07:05 UTC is 14:05 in Hải Phòng: the receipt must print Vietnam time.
		PaidAt:    time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC),
		Collector: "Trần Văn Đức",
		LookupURL: feeLookup,
	}
}

func TestWriteFeeReceipt(t *testing.T) {
	r := feeFixture()
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteFeeReceipt(b, r) })
	layout, flat := slipPdfText(t, path)
	for _, want := range []string{
		"UBND THÀNH PHỐ HẢI PHÒNG",
		"SỞ GIÁO DỤC VÀ ĐÀO TẠO",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
		"Độc lập - Tự do - Hạnh phúc",
		"Hải Phòng, ngày 27 tháng 11 năm 2026",
		"BIÊN LAI THU PHÍ, LỆ PHÍ",
		"Số: " + feeNumber,
		"Tên loại phí, lệ phí: Phí, lệ phí giải quyết thủ tục: Cấp bản sao văn bằng, chứng chỉ từ sổ gốc",
		"Mã hồ sơ: " + feeCode,
		"Họ và tên người nộp tiền: Nguyễn Thị Hồng Nhung",
		"Địa chỉ: Số 12 đường Lạch Tray, phường Gia Viên, thành phố Hải Phòng",
		"Số tiền: 10.000 đồng",
		"Bằng chữ: Mười nghìn đồng.",
		"Hình thức thanh toán: Trực tuyến qua cổng thanh toán (VNPAY)",
		"Mã giao dịch: 14876523",
		"Thời điểm thanh toán: 14 giờ 05 phút, ngày 27/11/2026",
		"NGƯỜI THU TIỀN",
		"(Ký và ghi rõ họ tên)",
		"Trần Văn Đức",
		"Quét mã để tra cứu hồ sơ",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q\n--- pdftotext -layout ---\n%s", want, layout)
		}
	}
	if strings.Contains(flat, "Ký hiệu") {
		t.Error("a receipt without series prints \"Ký hiệu\"")
	}
	info := slipPdfInfo(t, path)
	if got, want := info["Title"], "Biên lai thu phí, lệ phí - "+feeNumber; got != want {
		t.Errorf("Title metadata = %q, want %q", got, want)
	}
	if got := info["Page size"]; !strings.HasPrefix(got, "419.53 x 595.28 pts") {
		t.Errorf("page size = %q, want A5 portrait (419.53 x 595.28 pts)", got)
	}
	if got := info["Pages"]; got != "1" {
		t.Errorf("pages = %s, want 1", got)
	}
	if codes := slipDecodeQR(t, path, ""); len(codes) != 1 || codes[0] != feeLookup {
		t.Errorf("QR codes on page 1 = %q, want [%q]", codes, feeLookup)
	}
}

// A cash payment: a series registered with the tax authority, no gateway
// transaction, no address, no lookup URL, a large amount.
func TestWriteFeeReceiptCash(t *testing.T) {
	r := feeFixture()
	r.Series = "BL/26E"
	r.Method = "Tiền mặt tại Bộ phận Một cửa"
	r.TransactionNo = ""
	r.Address = ""
	r.LookupURL = ""
	r.Collector = ""
	r.Amount = 1250000
	path := slipWritePDF(t, func(b *bytes.Buffer) error { return WriteFeeReceipt(b, r) })
	layout, flat := slipPdfText(t, path)
	for _, want := range []string{
		"Ký hiệu: BL/26E",
		"Số: " + feeNumber,
		"Số tiền: 1.250.000 đồng",
		"Bằng chữ: Một triệu hai trăm năm mươi nghìn đồng.",
		"Hình thức thanh toán: Tiền mặt tại Bộ phận Một cửa",
		"NGƯỜI THU TIỀN",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("text lacks %q\n--- pdftotext -layout ---\n%s", want, layout)
		}
	}
	for _, absent := range []string{"Mã giao dịch", "Địa chỉ", "Quét mã"} {
		if strings.Contains(flat, absent) {
			t.Errorf("text has %q, which this receipt does not set", absent)
		}
	}
}

func TestFeeReceiptDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := WriteFeeReceipt(&a, feeFixture()); err != nil {
		t.Fatal(err)
	}
	if err := WriteFeeReceipt(&b, feeFixture()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Errorf("two writes of the same receipt differ (%d and %d bytes)", a.Len(), b.Len())
	}
	if !bytes.Contains(a.Bytes(), []byte("/FontFile2")) {
		t.Error("no embedded TrueType font")
	}
}

func TestFeeReceiptRefusesBadInput(t *testing.T) {
	for _, c := range []struct {
		name string
		edit func(*FeeReceipt)
		want []string // parts of the error message
	}{
		{"no number", func(r *FeeReceipt) { r.Number = " " }, []string{"fee receipt", "receipt number is empty"}},
		{"number with line break", func(r *FeeReceipt) { r.Number = "1\n2" }, []string{"receipt number \"1\\n2\" holds a control character"}},
		{"series with tab", func(r *FeeReceipt) { r.Series = "BL\t26" }, []string{"series"}},
		{"no dossier code", func(r *FeeReceipt) { r.DossierCode = "" }, []string{"dossier code is empty"}},
		{"no procedure", func(r *FeeReceipt) { r.ProcedureName = "" }, []string{"procedure name is empty"}},
		{"no payer", func(r *FeeReceipt) { r.Payer = "\n" }, []string{"payer is empty"}},
		{"zero amount", func(r *FeeReceipt) { r.Amount = 0 }, []string{"amount must be positive, got 0"}},
		{"negative amount", func(r *FeeReceipt) { r.Amount = -10000 }, []string{"amount must be positive, got -10000"}},
		{"no method", func(r *FeeReceipt) { r.Method = "" }, []string{"payment method is empty"}},
		{"no payment time", func(r *FeeReceipt) { r.PaidAt = time.Time{} }, []string{"payment time is not set"}},
		{"bad lookup URL", func(r *FeeReceipt) { r.LookupURL = "tra-cuu?ma=1" }, []string{"not an absolute http(s) URL"}},
		{"no agency", func(r *FeeReceipt) { r.Agency = Agency{} }, []string{"agency name is empty", "agency place is empty"}},
		{"everything missing", func(r *FeeReceipt) { *r = FeeReceipt{} }, []string{
			"receipt number is empty", "dossier code is empty", "procedure name is empty", "payer is empty",
			"amount must be positive", "payment method is empty", "payment time is not set",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := feeFixture()
			c.edit(&r)
			var buf bytes.Buffer
			err := WriteFeeReceipt(&buf, r)
			if err == nil {
				t.Fatal("bad input accepted")
			}
			if !errors.Is(err, ErrInvalidSlip) {
				t.Errorf("error %v is not ErrInvalidSlip", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "applicant") {
				t.Errorf("error %q speaks of an applicant; the receipt has a payer", err)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written for a refused receipt", buf.Len())
			}
		})
	}
}

func TestAmountInWords(t *testing.T) {
	for _, c := range []struct {
		n    int64
		want string
	}{
		{0, "Không đồng"},
		{1, "Một đồng"},
		{5, "Năm đồng"},
		{10, "Mười đồng"},
		{11, "Mười một đồng"},
		{14, "Mười bốn đồng"},
		{15, "Mười lăm đồng"},
		{20, "Hai mươi đồng"},
		{21, "Hai mươi mốt đồng"},
		{24, "Hai mươi tư đồng"},
		{25, "Hai mươi lăm đồng"},
		{55, "Năm mươi lăm đồng"},
		{99, "Chín mươi chín đồng"},
		{100, "Một trăm đồng"},
		{101, "Một trăm linh một đồng"},
		{104, "Một trăm linh bốn đồng"},
		{105, "Một trăm linh năm đồng"},
		{110, "Một trăm mười đồng"},
		{115, "Một trăm mười lăm đồng"},
		{121, "Một trăm hai mươi mốt đồng"},
		{500, "Năm trăm đồng"},
		{1000, "Một nghìn đồng"},
		{1005, "Một nghìn không trăm linh năm đồng"},
		{1010, "Một nghìn không trăm mười đồng"},
		{1021, "Một nghìn không trăm hai mươi mốt đồng"},
		{2500, "Hai nghìn năm trăm đồng"},
		{10000, "Mười nghìn đồng"},
		{15000, "Mười lăm nghìn đồng"},
		{21000, "Hai mươi mốt nghìn đồng"},
		{34000, "Ba mươi tư nghìn đồng"},
		{100000, "Một trăm nghìn đồng"},
		{105000, "Một trăm linh năm nghìn đồng"},
		{150000, "Một trăm năm mươi nghìn đồng"},
		{1000000, "Một triệu đồng"},
		{1000005, "Một triệu không trăm linh năm đồng"},
		{1005000, "Một triệu không trăm linh năm nghìn đồng"},
		{1250000, "Một triệu hai trăm năm mươi nghìn đồng"},
		{10050000, "Mười triệu không trăm năm mươi nghìn đồng"},
		{215_000_000, "Hai trăm mười lăm triệu đồng"},
		{1_000_000_000, "Một tỷ đồng"},
		{1_000_000_001, "Một tỷ không trăm linh một đồng"},
		{2_005_000_000, "Hai tỷ không trăm linh năm triệu đồng"},
		{1_500_000_000_000, "Một nghìn năm trăm tỷ đồng"},
		{1_000_000_000_000_000_000, "Một tỷ tỷ đồng"},
		{math.MaxInt64, "Chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ " +
			"tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh bảy đồng"},
		{-5000, "Âm năm nghìn đồng"},
		{math.MinInt64, "Âm chín tỷ hai trăm hai mươi ba triệu ba trăm bảy mươi hai nghìn không trăm ba mươi sáu tỷ " +
			"tám trăm năm mươi tư triệu bảy trăm bảy mươi lăm nghìn tám trăm linh tám đồng"},
	} {
		t.Run(c.want, func(t *testing.T) {
			if got := AmountInWords(c.n); got != c.want {
				t.Errorf("AmountInWords(%d) = %q, want %q", c.n, got, c.want)
			}
		})
	}
}

// The words read back to the number, and never break the reading rules, for
// every amount up to 100 000 and for random amounts up to the largest int64.
func TestAmountInWordsRoundTrip(t *testing.T) {
	check := func(n int64) {
		t.Helper()
		got := AmountInWords(n)
		words, ok := strings.CutSuffix(strings.ToLower(got), " đồng")
		if !ok {
			t.Fatalf("AmountInWords(%d) = %q does not end in \" đồng\"", n, got)
		}
		if back, err := parseVietnameseNumber(words); err != nil || back != uint64(n) {
			t.Fatalf("AmountInWords(%d) = %q reads back as %d, %v", n, got, back, err)
		}
		for _, bad := range []string{"mươi một", "mươi bốn", "mươi năm", "mười năm", "mười mốt", "mười tư",
			"linh mốt", "linh tư", "linh lăm", "một mươi", "  "} {
			if strings.Contains(" "+words+" ", " "+bad+" ") {
				t.Fatalf("AmountInWords(%d) = %q contains %q", n, got, bad)
			}
		}
	}
	for n := range int64(100_001) {
		check(n)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 10_000 {
		// Amounts of every length, not mostly 19-digit ones.
		check(rng.Int64N(int64(math.Pow10(1 + rng.IntN(18)))))
	}
	check(math.MaxInt64)
}

// parseVietnameseNumber reads number words back, independently of the
// writer: a group is "<d> trăm", "<d> mươi" or "mười", and a last digit; a
// group ends at its magnitude ("nghìn", "triệu") or at the end, and "tỷ"
// multiplies everything read before it.
func parseVietnameseNumber(s string) (uint64, error) {
	digits := map[string]uint64{"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4,
		"năm": 5, "lăm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9}
	// total: all read before the last "tỷ"; block: this part below a
	// billion; part: this group's hundreds and tens; digit: the last digit.
	var total, block, part, digit uint64
	for _, w := range strings.Fields(s) {
		switch w {
		case "trăm":
			part, digit = part+digit*100, 0
		case "mươi":
			part, digit = part+digit*10, 0
		case "mười":
			part += 10
		case "linh":
		case "nghìn":
			block, part, digit = block+(part+digit)*1000, 0, 0
		case "triệu":
			block, part, digit = block+(part+digit)*1_000_000, 0, 0
		case "tỷ":
			total = (total + block + part + digit) * 1_000_000_000
			block, part, digit = 0, 0, 0
		default:
			d, ok := digits[w]
			if !ok {
				return 0, errors.New("unknown word " + w)
			}
			digit = d
		}
	}
	return total + block + part + digit, nil
}
