package report

import (
	"io"
	"strings"
	"time"
)

// FeeReceiptTitle is the title of the fee receipt.
const FeeReceiptTitle = "BIÊN LAI THU PHÍ, LỆ PHÍ"

// FeeReceipt is the receipt of a fee (phí, lệ phí) paid for a dossier, online
// through a payment gateway or in cash at the one-stop counter.
//
// It is the system's record of the payment, handed to the payer. The legal
// form of an electronic receipt of fees and charges (biên lai điện tử: its
// form number, mẫu số, and its series, ký hiệu) is set by Nghị định
// 123/2020/NĐ-CP (as amended) with Thông tư 78/2021/TT-BTC, and each
// collecting body registers the one it uses with the tax authority. This
// writer does not invent a mẫu số: it prints Series only when the caller
// gives the registered one. (Recalled references; their texts were not among
// the reference pages searched for this work.)
type FeeReceipt struct {
	Agency        Agency
	Number        string    // số biên lai, e.g. the payment reference "000.00.31.H31-261127-0001-1"; required
	Series        string    // ký hiệu biên lai as registered with the tax authority; printed only when set
	DossierCode   string    // required
	ProcedureName string    // required; the kind of fee is "Phí, lệ phí giải quyết thủ tục: <name>"
	Payer         string    // required
	Address       string    // may be empty
	Amount        int64     // đồng, > 0
	Method        string    // "Trực tuyến qua cổng thanh toán (VNPAY)", "Tiền mặt tại Bộ phận Một cửa"; required
	TransactionNo string    // the gateway's transaction number; may be empty (cash)
	PaidAt        time.Time // required; printed in Vietnam time
	Collector     string    // người thu tiền; may be empty (signed by hand)
	LookupURL     string    // encoded in the QR code; no QR code when empty
}

func (r FeeReceipt) validate() error {
	c := slipCheck{slip: "fee receipt"}
	// common names its fourth argument "applicant"; the payer is checked
	// below under its own name, so common gets a stand-in.
	c.common(r.Agency, r.DossierCode, r.ProcedureName, "(payer checked below)", r.LookupURL)
	c.text("receipt number", r.Number)
	for _, f := range []struct{ name, value string }{
		{"receipt number", r.Number}, {"series", r.Series}, {"transaction number", r.TransactionNo},
	} {
		if strings.ContainsAny(f.value, "\r\n\t") {
			c.failf("%s %q holds a control character", f.name, f.value)
		}
	}
	c.text("payer", r.Payer)
	if r.Amount <= 0 {
		c.failf("amount must be positive, got %d", r.Amount)
	}
	c.text("payment method", r.Method)
	c.time("payment time", r.PaidAt)
	return c.err()
}

// WriteFeeReceipt writes the Biên lai thu phí, lệ phí of a payment as an A5
// PDF: the agency header and the place and date of payment, the receipt's
// number (and series, when set), the kind of fee, the dossier, the payer, the
// amount in digits and in words, how and when it was paid, and the
// collector's signature block beside the QR code of r.LookupURL.
func WriteFeeReceipt(w io.Writer, r FeeReceipt) error {
	if err := r.validate(); err != nil {
		return err
	}
	number, code := clean(r.Number), clean(r.DossierCode)
	p := newSlipPDF(pdfMeta{
		Title:   metaTitle(FeeReceiptTitle, number),
		Subject: clean(r.ProcedureName),
		Author:  agencyAuthor(r.Agency),
		Stamp:   r.PaidAt.In(VietnamTime),
	})
	p.header(r.Agency, PlaceDate(r.Agency.Place, r.PaidAt))

	p.font("B", pdfTitleSize)
	y, _ := p.centred(pdfMarginL, p.f.GetY(), p.w, FeeReceiptTitle, pdfBodyLine+0.6)
	p.f.SetXY(pdfMarginL, y+0.4)
	var runs []span
	if s := clean(r.Series); s != "" {
		runs = append(runs, span{"", "Ký hiệu: "}, span{"B", s}, span{"", "        "})
	}
	runs = append(runs, span{"", "Số: "}, span{"B", number})
	p.centredRuns(runs...)
	p.gap(3)

	p.field("Tên loại phí, lệ phí:", "Phí, lệ phí giải quyết thủ tục: "+clean(r.ProcedureName))
	p.field("Mã hồ sơ:", code)
	p.field("Họ và tên người nộp tiền:", clean(r.Payer))
	if a := clean(r.Address); a != "" {
		p.para(span{"", "Địa chỉ: " + a})
	}
	p.field("Số tiền:", dong(r.Amount))
	p.para(span{"", "Bằng chữ: "}, span{"I", AmountInWords(r.Amount) + "."})
	p.field("Hình thức thanh toán:", clean(r.Method))
	if t := clean(r.TransactionNo); t != "" {
		p.field("Mã giao dịch:", t)
	}
	p.field("Thời điểm thanh toán:", appointment(r.PaidAt))
	p.gap(3)
	if err := p.closing(r.LookupURL, code, signer{title: "NGƯỜI THU TIỀN", name: clean(r.Collector)}); err != nil {
		return err
	}
	return p.finish(w)
}

// centredRuns writes runs of text centred on one line when they fit, and as a
// flowing paragraph when they do not, then ends the line.
func (p *slipPDF) centredRuns(runs ...span) {
	width := 0.0
	for _, r := range runs {
		p.font(r.style, pdfBodySize)
		width += p.f.GetStringWidth(r.text)
	}
	if width > p.w {
		p.para(runs...)
		return
	}
	p.f.SetX(pdfMarginL + (p.w-width)/2)
	for _, r := range runs {
		p.font(r.style, pdfBodySize)
		p.f.Write(pdfBodyLine, r.text)
	}
	p.f.Ln(pdfBodyLine)
}

// digitWords are the Vietnamese names of the digits.
var digitWords = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// AmountInWords reads an amount of money in Vietnamese words, with a capital
// first letter and "đồng" at the end, as receipts print it under the digits:
// 21000 is "Hai mươi mốt nghìn đồng", 1005 "Một nghìn không trăm linh năm
// đồng", 0 "Không đồng", -5000 "Âm năm nghìn đồng".
//
// It follows the common northern reading: "nghìn" and "tỷ" (not "ngàn",
// "tỉ"); "mười" for ten and "mươi" after a tens digit of 2 or more; "mốt"
// and "tư" for a units digit of 1 and 4 after such a tens digit ("hai mươi
// mốt", "hai mươi tư", but "mười một", "mười bốn"); "lăm" for 5 after any
// tens digit ("mười lăm", "hai mươi lăm"); "linh" for a zero tens digit
// before units ("một trăm linh năm"); "không trăm" when a group below
// hundred follows a higher group ("một nghìn không trăm linh năm"). Groups
// that are zero are not read ("một triệu không trăm linh năm"). Past a
// billion the reading starts again before "tỷ": 10^12 is "Một nghìn tỷ",
// 10^18 "Một tỷ tỷ".
func AmountInWords(n int64) string {
	var words string
	if n < 0 {
		// -n overflows for the smallest int64; as an unsigned number it
		// does not.
		words = "âm " + readNumber(uint64(-(n+1))+1)
	} else {
		words = readNumber(uint64(n))
	}
	first := []rune(words)
	return strings.ToUpper(string(first[:1])) + string(first[1:]) + " đồng"
}

// readNumber reads n in lower case words.
func readNumber(n uint64) string {
	if n == 0 {
		return digitWords[0]
	}
	return strings.Join(readBillions(n, false), " ")
}

// readBillions reads n > 0 as words; higher says a higher group was read
// before it, so a short leading group gets "không trăm" and "linh".
func readBillions(n uint64, higher bool) []string {
	const billion = 1_000_000_000
	var words []string
	if n >= billion {
		words = append(readBillions(n/billion, higher), "tỷ")
		higher = true
		n %= billion
	}
	for _, g := range []struct {
		size uint64
		name string
	}{{1_000_000, "triệu"}, {1_000, "nghìn"}, {1, ""}} {
		group := n / g.size % 1000
		if group == 0 {
			continue
		}
		words = append(words, readGroup(int(group), higher)...)
		if g.name != "" {
			words = append(words, g.name)
		}
		higher = true
	}
	return words
}

// readGroup reads a group of three digits, 1–999. When a higher group was
// read before it, the hundreds are always said ("không trăm") and a zero tens
// digit before units is "linh".
func readGroup(g int, higher bool) []string {
	h, t, u := g/100, g/10%10, g%10
	var words []string
	if h > 0 || higher {
		words = append(words, digitWords[h], "trăm")
	}
	switch {
	case t == 0:
		if u == 0 {
			break
		}
		if len(words) > 0 {
			words = append(words, "linh")
		}
		words = append(words, digitWords[u])
	case t == 1:
		words = append(words, "mười")
		switch u {
		case 0:
		case 5:
			words = append(words, "lăm")
		default:
			words = append(words, digitWords[u])
		}
	default:
		words = append(words, digitWords[t], "mươi")
		switch u {
		case 0:
		case 1:
			words = append(words, "mốt")
		case 4:
			words = append(words, "tư")
		case 5:
			words = append(words, "lăm")
		default:
			words = append(words, digitWords[u])
		}
	}
	return words
}
