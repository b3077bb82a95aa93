package procedure

import (
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
)

// now is the fixed clock of the form tests: 10 March 2026, 23:30 UTC, which
// is already 11 March in Vietnam.
var now = time.Date(2026, 3, 10, 23, 30, 0, 0, time.UTC)

func TestValidateFormAccepts(t *testing.T) {
	tests := []struct {
		name  string
		field string
		in    []string
		want  string // normalised value; "" means left out of the result
	}{
		{"text trimmed", "ho_ten", []string{"  Trần Thị Bình  "}, "Trần Thị Bình"},
		{"text put in NFC", "ho_ten", []string{"Nguye\u0302\u0303n"}, "Nguyễn"},
		{"text exactly at max length", "ho_ten", []string{strings.Repeat("ệ", 20)}, strings.Repeat("ệ", 20)},
		{"first of several values", "ho_ten", []string{"An", "Bình"}, "An"},
		{"textarea keeps lines", "ghi_chu", []string{"dòng 1\r\ndòng 2\tcột"}, "dòng 1\ndòng 2\tcột"},
		{"textarea optional empty", "ghi_chu", []string{"   "}, ""},
		{"date dd/mm/yyyy", "ngay_sinh", []string{"05/09/2008"}, "2008-09-05"},
		{"date d/m/yyyy", "ngay_sinh", []string{"5/9/2008"}, "2008-09-05"},
		{"date yyyy-mm-dd", "ngay_sinh", []string{"2008-09-05"}, "2008-09-05"},
		{"date 29 February of a leap year", "ngay_sinh", []string{"29/02/2024"}, "2024-02-29"},
		{"past-only date today in Vietnam", "ngay_sinh", []string{"11/03/2026"}, "2026-03-11"},
		{"future date allowed without past_only", "ngay_cap", []string{"31/12/2030"}, "2030-12-31"},
		{"email domain lower-cased", "email", []string{"An.Nguyen@Example.EDU.vn"}, "An.Nguyen@example.edu.vn"},
		{"email with plus", "email", []string{"a+b@haiphong.edu.vn"}, "a+b@haiphong.edu.vn"},
		{"phone with spaces", "dien_thoai", []string{"0912 345 678"}, "0912345678"},
		{"phone with dots", "dien_thoai", []string{"0912.345.678"}, "0912345678"},
		{"phone +84", "dien_thoai", []string{"+84 912 345 678"}, "0912345678"},
		{"cccd", "so_cccd", []string{"031208001234"}, "031208001234"},
		{"cccd highest province code", "so_cccd", []string{"096208001234"}, "096208001234"},
		{"number", "so_ban_sao", []string{"3"}, "3"},
		{"number leading zero and plus", "so_ban_sao", []string{"+03"}, "3"},
		{"number at min and max", "so_ban_sao", []string{"20"}, "20"},
		{"number without bounds", "nam", []string{"-12"}, "-12"},
		{"choice", "loai", []string{"Bằng tốt nghiệp THCS"}, "Bằng tốt nghiệp THCS"},
		{"choice in NFD", "loai", []string{"Bă\u0300ng tô\u0301t nghiê\u0323p THCS"}, "Bằng tốt nghiệp THCS"},
		{"checkbox on", "ho_ngheo", []string{"on"}, "1"},
		{"checkbox 1", "ho_ngheo", []string{"1"}, "1"},
		{"checkbox hidden 0 then 1", "ho_ngheo", []string{"0", "1"}, "1"},
		{"checkbox unchecked", "ho_ngheo", []string{"0"}, ""},
		{"checkbox absent", "ho_ngheo", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := goodValues()
			values[tt.field] = tt.in
			got, err := validProcedure().ValidateFormAt(values, now)
			if err != nil {
				t.Fatalf("ValidateFormAt() error = %v, fields %v", err, cchc.ErrorFields(err))
			}
			v, ok := got[tt.field]
			if tt.want == "" {
				if ok {
					t.Errorf("%s = %q, want it left out", tt.field, v)
				}
				return
			}
			if v != tt.want {
				t.Errorf("%s = %q, want %q", tt.field, v, tt.want)
			}
		})
	}
}

func TestValidateFormRefuses(t *testing.T) {
	tests := []struct {
		name  string
		field string
		in    []string
		want  string // the message for the field
	}{
		{"required text missing", "ho_ten", nil, "Vui lòng nhập thông tin này."},
		{"required text blank", "ho_ten", []string{"   "}, "Vui lòng nhập thông tin này."},
		{"text too long", "ho_ten", []string{strings.Repeat("ệ", 21)}, "Không quá 20 ký tự (đang có 21)."},
		{"textarea too long", "ghi_chu", []string{strings.Repeat("a", 51)}, "Không quá 50 ký tự (đang có 51)."},
		{"text invalid utf-8", "ho_ten", []string{"An\xff"}, "Nội dung chứa ký tự không hợp lệ."},
		{"text with a control character", "ho_ten", []string{"An\x00Bình"}, "Nội dung chứa ký tự điều khiển không hợp lệ."},
		{"text with a newline", "ho_ten", []string{"An\nBình"}, "Nội dung chứa ký tự điều khiển không hợp lệ."},
		{"required date missing", "ngay_sinh", []string{""}, "Vui lòng nhập ngày."},
		{"date 31 February", "ngay_sinh", []string{"31/02/2026"}, "Ngày không tồn tại."},
		{"date 29 February of a common year", "ngay_sinh", []string{"29/02/2025"}, "Ngày không tồn tại."},
		{"date month 13", "ngay_sinh", []string{"2008-13-01"}, "Ngày không tồn tại."},
		{"date day 0", "ngay_sinh", []string{"00/01/2008"}, "Ngày không tồn tại."},
		{"date in words", "ngay_sinh", []string{"5 tháng 9 năm 2008"}, "Ngày không đúng định dạng; nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."},
		{"date mm-dd-yyyy", "ngay_sinh", []string{"09-05-2008"}, "Ngày không đúng định dạng; nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."},
		{"date two-digit year", "ngay_sinh", []string{"05/09/08"}, "Ngày không đúng định dạng; nhập theo dạng ngày/tháng/năm, ví dụ 25/03/2026."},
		{"date year 1899", "ngay_sinh", []string{"01/01/1899"}, "Năm phải từ 1900 đến 2100."},
		{"future birth date", "ngay_sinh", []string{"12/03/2026"}, "Ngày không được sau ngày hôm nay."},
		{"birth date far in the future", "ngay_sinh", []string{"2999-01-01"}, "Năm phải từ 1900 đến 2100."},
		{"email without @", "email", []string{"an.nguyen.example.com"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"email two @", "email", []string{"a@b@example.com"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"email without domain dot", "email", []string{"an@localhost"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"email with space", "email", []string{"an nguyen@example.com"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"email double dot", "email", []string{"an..b@example.com"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"email with diacritics", "email", []string{"ân@example.com"}, "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com."},
		{"phone 9 digits", "dien_thoai", []string{"091234567"}, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."},
		{"phone 11 digits", "dien_thoai", []string{"09123456789"}, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."},
		{"phone not starting with 0", "dien_thoai", []string{"1912345678"}, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."},
		{"phone with letters", "dien_thoai", []string{"09123456ab"}, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."},
		{"phone +84 then 0", "dien_thoai", []string{"+840912345678"}, "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."},
		{"phone missing", "dien_thoai", nil, "Vui lòng nhập thông tin này."},
		{"cccd 11 digits", "so_cccd", []string{"03120800123"}, "Số CCCD phải gồm đúng 12 chữ số."},
		{"cccd 13 digits", "so_cccd", []string{"0312080012345"}, "Số CCCD phải gồm đúng 12 chữ số."},
		{"cccd with letters", "so_cccd", []string{"03120800123A"}, "Số CCCD phải gồm đúng 12 chữ số."},
		{"cccd with full-width digits", "so_cccd", []string{"０３１２０８００１２３４"}, "Số CCCD phải gồm đúng 12 chữ số."},
		{"cccd province 000", "so_cccd", []string{"000208001234"}, "Ba chữ số đầu của số CCCD (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096."},
		{"cccd province 097", "so_cccd", []string{"097208001234"}, "Ba chữ số đầu của số CCCD (mã tỉnh nơi đăng ký khai sinh) phải từ 001 đến 096."},
		{"number not a number", "so_ban_sao", []string{"ba"}, "Vui lòng nhập một số nguyên."},
		{"number decimal", "so_ban_sao", []string{"2.5"}, "Vui lòng nhập một số nguyên."},
		{"number of 18 digits passes", "nam", []string{"999999999999999999"}, ""},
		{"number of 19 digits", "nam", []string{"9999999999999999999"}, "Vui lòng nhập một số nguyên."},
		{"number below min", "so_ban_sao", []string{"0"}, "Giá trị phải từ 1 đến 20."},
		{"number above max", "so_ban_sao", []string{"21"}, "Giá trị phải từ 1 đến 20."},
		{"choice not in options", "loai", []string{"Bằng đại học"}, "Lựa chọn không hợp lệ."},
		{"choice case differs", "loai", []string{"bằng tốt nghiệp thpt"}, "Lựa chọn không hợp lệ."},
		{"choice missing", "loai", nil, "Vui lòng chọn một giá trị."},
		{"required checkbox unchecked", "cam_ket", []string{"0"}, "Vui lòng đánh dấu xác nhận."},
		{"required checkbox missing", "cam_ket", nil, "Vui lòng đánh dấu xác nhận."},
		{"checkbox odd value", "ho_ngheo", []string{"yes"}, "Giá trị không hợp lệ."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			values := goodValues()
			values[tt.field] = tt.in
			got, err := validProcedure().ValidateFormAt(values, now)
			if tt.want == "" { // a boundary that must pass
				if err != nil {
					t.Fatalf("ValidateFormAt() error = %v, fields %v", err, cchc.ErrorFields(err))
				}
				return
			}
			if err == nil {
				t.Fatalf("ValidateFormAt() = %v, nil; want an error for %s", got, tt.field)
			}
			if got != nil {
				t.Errorf("ValidateFormAt() values = %v, want nil on error", got)
			}
			if code := cchc.ErrorCode(err); code != cchc.EINVALID {
				t.Errorf("ErrorCode = %q, want %q", code, cchc.EINVALID)
			}
			if msg := cchc.ErrorMessage(err); msg != FormMessage {
				t.Errorf("ErrorMessage = %q, want %q", msg, FormMessage)
			}
			fields := cchc.ErrorFields(err)
			if fields[tt.field] != tt.want {
				t.Errorf("message for %s = %q, want %q", tt.field, fields[tt.field], tt.want)
			}
			if len(fields) != 1 {
				t.Errorf("fields at fault = %v, want only %s", fields, tt.field)
			}
		})
	}
}

func TestValidateFormOutput(t *testing.T) {
	values := goodValues()
	values["email"] = []string{" An@Example.COM "}
	values["unknown"] = []string{"ignored"}
	values["<script>"] = []string{"x"}
	got, err := validProcedure().ValidateFormAt(values, now)
	if err != nil {
		t.Fatalf("ValidateFormAt() error = %v, fields %v", err, cchc.ErrorFields(err))
	}
	want := map[string]string{
		"ho_ten":     "Nguyễn Văn An",
		"ngay_sinh":  "2008-09-05",
		"email":      "An@example.com",
		"dien_thoai": "0912345678",
		"so_cccd":    "031208001234",
		"loai":       "Bằng tốt nghiệp THPT",
		"cam_ket":    "1",
	}
	if !maps.Equal(got, want) {
		t.Errorf("ValidateFormAt() =\n%v\nwant\n%v", got, want)
	}
}

func TestValidateFormReportsEveryField(t *testing.T) {
	_, err := validProcedure().ValidateFormAt(map[string][]string{"email": {"x"}, "so_ban_sao": {"99"}}, now)
	want := map[string]string{
		"ho_ten":     "Vui lòng nhập thông tin này.",
		"ngay_sinh":  "Vui lòng nhập ngày.",
		"email":      "Địa chỉ thư điện tử không hợp lệ, ví dụ: ten@example.com.",
		"dien_thoai": "Vui lòng nhập thông tin này.",
		"so_cccd":    "Vui lòng nhập thông tin này.",
		"so_ban_sao": "Giá trị phải từ 1 đến 20.",
		"loai":       "Vui lòng chọn một giá trị.",
		"cam_ket":    "Vui lòng đánh dấu xác nhận.",
	}
	if got := cchc.ErrorFields(err); !maps.Equal(got, want) {
		t.Errorf("fields =\n%v\nwant\n%v", got, want)
	}
}

func TestValidateFormOneBound(t *testing.T) {
	p := validProcedure()
	p.Form = []*Field{
		{Name: "tu", Label: "Từ", Type: TypeNumber, Min: i64(10)},
		{Name: "den", Label: "Đến", Type: TypeNumber, Max: i64(10)},
	}
	_, err := p.ValidateFormAt(map[string][]string{"tu": {"9"}, "den": {"11"}}, now)
	want := map[string]string{"tu": "Giá trị không được nhỏ hơn 10.", "den": "Giá trị không được lớn hơn 10."}
	if got := cchc.ErrorFields(err); !maps.Equal(got, want) {
		t.Errorf("fields = %v, want %v", got, want)
	}
}

func TestValidateFormNoFieldsAndNilValues(t *testing.T) {
	p := validProcedure()
	p.Form = []*Field{nil, {Name: "x", Label: "X", Type: "unknown"}, {Name: "y", Label: "Y", Type: TypeText}}
	got, err := p.ValidateFormAt(nil, now)
	if err != nil || len(got) != 0 {
		t.Errorf("ValidateFormAt(nil) = %v, %v; want an empty result", got, err)
	}
	_, err = p.ValidateFormAt(map[string][]string{"x": {"a"}}, now)
	if got := cchc.ErrorFields(err)["x"]; got != "Trường thông tin không hợp lệ." {
		t.Errorf("unknown type message = %q", got)
	}
}

func TestValidateFormUsesTheClock(t *testing.T) {
	p := validProcedure()
	values := goodValues()
	values["ngay_sinh"] = []string{"2999-12-31"}
	values["ngay_cap"] = []string{time.Now().AddDate(0, 0, 2).Format("02/01/2006")}
	_, err := p.ValidateForm(values)
	if cchc.ErrorFields(err)["ngay_sinh"] == "" {
		t.Errorf("ValidateForm accepted a birth date in 2999: %v", err)
	}
	values["ngay_sinh"] = []string{time.Now().AddDate(0, 0, 3).Format("02/01/2006")}
	_, err = p.ValidateForm(values)
	if got := cchc.ErrorFields(err)["ngay_sinh"]; got != "Ngày không được sau ngày hôm nay." {
		t.Errorf("future birth date message = %q", got)
	}
	if _, ok := cchc.ErrorFields(err)["ngay_cap"]; ok {
		t.Errorf("ValidateForm refused a future date on a field that is not past_only")
	}
}

func TestFieldLimit(t *testing.T) {
	tests := []struct {
		f    Field
		want int
	}{
		{Field{Type: TypeText}, 254},
		{Field{Type: TypeText, MaxLen: 7}, 7},
		{Field{Type: TypeTextarea}, 2000},
		{Field{Type: TypeEmail}, 254},
		{Field{Type: TypeChoice}, 500},
		{Field{Type: TypeCCCD}, 30},
		{Field{Type: TypeDate}, 30},
	}
	for _, tt := range tests {
		t.Run(tt.f.Type, func(t *testing.T) {
			if got := tt.f.Limit(); got != tt.want {
				t.Errorf("Limit() = %d, want %d", got, tt.want)
			}
		})
	}
}

func TestValidateFormHugeInput(t *testing.T) {
	values := goodValues()
	huge := strings.Repeat("ệ", 1<<20)
	for _, f := range validProcedure().Form {
		values[f.Name] = []string{huge}
	}
	start := time.Now()
	_, err := validProcedure().ValidateFormAt(values, now)
	if got := cchc.ErrorFields(err)["ho_ten"]; got != "Không quá 20 ký tự (đang có 1048576)." {
		t.Errorf("message for a huge name = %q", got)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("validating 1 MiB values took %v", d)
	}
}

func BenchmarkValidateForm(b *testing.B) {
	p, values := validProcedure(), goodValues()
	for b.Loop() {
		if _, err := p.ValidateFormAt(values, now); err != nil {
			b.Fatal(err)
		}
	}
}
