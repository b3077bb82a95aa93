package report

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/officedoc"
	"github.com/hpdoet/cchc/plan"
)

const pfTitle = "Kết quả thực hiện công tác cải cách hành chính quý III năm 2026"

// docLines is every text of a document's body: headings, paragraphs (one
// per line of text) and table rows (cells joined by " | ", line breaks in
// cells kept).
func docLines(d officedoc.Document) []string {
	var out []string
	for _, b := range d.Body {
		switch b := b.(type) {
		case officedoc.Heading:
			out = append(out, b.Text)
		case officedoc.Paragraph:
			for _, ln := range strings.Split(strings.ReplaceAll(b.Text, "\r\n", "\n"), "\n") {
				if ln = strings.TrimSpace(ln); ln != "" {
					out = append(out, ln)
				}
			}
		case officedoc.Table:
			out = append(out, strings.Join(b.Header, " | "))
			for _, r := range b.Rows {
				out = append(out, strings.Join(r, " | "))
			}
		}
	}
	return out
}

// docTable returns the table of d whose header starts with first, after
// the paragraph or heading containing after.
func docTable(t *testing.T, d officedoc.Document, after, first string) officedoc.Table {
	t.Helper()
	seen := false
	for _, b := range d.Body {
		switch b := b.(type) {
		case officedoc.Heading:
			seen = seen || strings.Contains(b.Text, after)
		case officedoc.Paragraph:
			seen = seen || strings.Contains(b.Text, after)
		case officedoc.Table:
			if seen && len(b.Header) > 0 && b.Header[0] == first {
				return b
			}
		}
	}
	t.Fatalf("no table starting %q after %q", first, after)
	return officedoc.Table{}
}

// pfTask is the task of p with the code.
func pfTask(t *testing.T, p Periodic, code string) *plan.Task {
	t.Helper()
	for _, task := range p.Tasks {
		if task.Node.Code == code {
			return task
		}
	}
	t.Fatalf("no task %s", code)
	return nil
}

func buildPeriodic(t *testing.T, p Periodic) officedoc.Document {
	t.Helper()
	d, err := PeriodicDocument(p)
	if err != nil {
		t.Fatalf("PeriodicDocument: %v (fields %v)", err, cchc.ErrorFields(err))
	}
	return d
}

func TestPeriodicDocument(t *testing.T) {
	p := periodicFixture(t)
	d := buildPeriodic(t, p)
	lines := docLines(d)
	text := strings.Join(lines, "\n")
	has := func(t *testing.T, want ...string) {
		t.Helper()
		for _, w := range want {
			if !slices.Contains(lines, w) {
				t.Errorf("document has no line %q", w)
			}
		}
		if t.Failed() {
			t.Logf("document:\n%s", text)
		}
	}

	t.Run("header", func(t *testing.T) {
		if d.Title != pfTitle || d.Kind != "BÁO CÁO" || d.Issuer != "SỞ GIÁO DỤC VÀ ĐÀO TẠO" || d.Parent != "UBND THÀNH PHỐ HẢI PHÒNG" {
			t.Errorf("kind %q title %q issuer %q parent %q", d.Kind, d.Title, d.Issuer, d.Parent)
		}
		if got, want := d.Number, "……/BC-SGDĐT"; got != want {
			t.Errorf("number of a draft = %q, want %q", got, want)
		}
		if !d.Date.Equal(date(2026, 10, 5)) || d.Place != "Hải Phòng" {
			t.Errorf("place %q date %v", d.Place, d.Date)
		}
		if !slices.Equal(d.Recipients, DefaultPeriodicRecipients) || !slices.Equal(d.SignerTitle, []string{"KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"}) || d.SignerName != pfSigner {
			t.Errorf("recipients %q signer %q %q", d.Recipients, d.SignerTitle, d.SignerName)
		}
		if err := d.Validate(); err != nil {
			t.Errorf("officedoc Validate: %v", err)
		}
	})

	t.Run("structure", func(t *testing.T) {
		var headings []string
		for _, b := range d.Body {
			if h, ok := b.(officedoc.Heading); ok {
				headings = append(headings, fmt.Sprintf("%d %s", h.Level, h.Text))
			}
		}
		want := []string{
			"1 I. KẾT QUẢ THỰC HIỆN",
			"2 1. Cải cách thể chế",
			"2 2. Cải cách thủ tục hành chính",
			"2 3. Cải cách tổ chức bộ máy hành chính nhà nước",
			"2 4. Cải cách chế độ công vụ",
			"2 5. Cải cách tài chính công",
			"2 6. Xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
			"2 7. Công tác chỉ đạo, điều hành và tổ chức thực hiện",
			"1 II. CÁC CHỈ TIÊU",
			"2 1. Các chỉ tiêu của Kế hoạch",
			"2 2. Chỉ số phục vụ người dân, doanh nghiệp (Quyết định số 766/QĐ-TTg)",
			"1 III. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
			"1 IV. KHÓ KHĂN, VƯỚNG MẮC",
			"1 V. ĐỀ XUẤT, KIẾN NGHỊ",
			"1 VI. NHIỆM VỤ TRỌNG TÂM QUÝ IV NĂM 2026",
		}
		if !slices.Equal(headings, want) {
			t.Errorf("headings:\n got %q\nwant %q", headings, want)
		}
	})

	t.Run("intro without the plan's number", func(t *testing.T) {
		// The seed plan is a draft: "Số: /KH-SGDĐT", "ngày tháng 4 năm 2026".
		has(t, "Thực hiện Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của Sở Giáo dục và Đào tạo Hải Phòng, "+
			"Sở Giáo dục và Đào tạo báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2026 như sau:")
	})

	t.Run("task counts", func(t *testing.T) {
		has(t,
			"Tổng hợp chung, trong kỳ toàn Sở có 9 nhiệm vụ phải thực hiện, trong đó: hoàn thành đúng hạn 3; hoàn thành muộn 1; "+
				"đang thực hiện 2; quá hạn 3. Còn 43 nhiệm vụ chưa được phân công thực hiện. Chi tiết từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này.",
			// II.1: a.1 done, b overdue; 3 of its 5 tasks unassigned.
			"Trong kỳ có 2 nhiệm vụ phải thực hiện, trong đó: hoàn thành đúng hạn 1; hoàn thành muộn 0; đang thực hiện 0; quá hạn 1. Còn 3 nhiệm vụ chưa được phân công thực hiện.",
			// II.3: a was done in quarter II, so nothing falls to quarter III.
			"Trong kỳ không có nhiệm vụ phải thực hiện. Còn 3 nhiệm vụ chưa được phân công thực hiện.",
			// II.6: c overdue at the quarter's end, d carried over from quarter II.
			"Trong kỳ có 2 nhiệm vụ phải thực hiện, trong đó: hoàn thành đúng hạn 0; hoàn thành muộn 0; đang thực hiện 0; quá hạn 2. Còn 3 nhiệm vụ chưa được phân công thực hiện.",
		)
	})

	t.Run("tasks done or overdue", func(t *testing.T) {
		tb := docTable(t, d, "1. Cải cách thể chế", "STT")
		if got, want := tb.Header, []string{"STT", "Nhiệm vụ", "Đơn vị chủ trì", "Kết quả", "Minh chứng"}; !slices.Equal(got, want) {
			t.Fatalf("header = %q, want %q", got, want)
		}
		if len(tb.Rows) != 2 {
			t.Fatalf("II.1 rows = %q, want 2", tb.Rows)
		}
		r := tb.Rows[0]
		if want := "II.1.a.1. " + clean(pfTask(t, p, "II.1.a.1").Node.Text); r[1] != want {
			t.Errorf("task cell = %q, want %q", r[1], want)
		}
		if r[2] != "Thanh tra Sở" || r[3] != "Quý 3/2026: hoàn thành ngày 22/09/2026" || r[4] != pfEvidence1 {
			t.Errorf("row = %q", r)
		}
		if r := tb.Rows[1]; !strings.HasPrefix(r[1], "II.1.b. ") || r[2] != "Phòng Tổ chức cán bộ" ||
			r[3] != "Quá hạn (hạn 31/08/2026)" || r[4] != "Chưa có minh chứng được chấp nhận" {
			t.Errorf("overdue row = %q", r)
		}

		tb = docTable(t, d, "2. Cải cách thủ tục hành chính", "STT")
		if len(tb.Rows) != 1 || tb.Rows[0][3] != "Quý 3/2026: hoàn thành muộn ngày 25/09/2026 (hạn 20/09/2026)" || tb.Rows[0][4] != pfEvidence2 {
			t.Errorf("II.2 rows = %q", tb.Rows)
		}
		tb = docTable(t, d, "5. Cải cách tài chính công", "STT")
		if len(tb.Rows) != 1 || tb.Rows[0][3] != "Hoàn thành ngày 10/09/2026" || tb.Rows[0][4] != pfEvidence3 || tb.Rows[0][2] != "Phòng Kế hoạch - Tài chính" {
			t.Errorf("II.5 rows = %q", tb.Rows)
		}
		tb = docTable(t, d, "6. Xây dựng", "STT")
		var got []string
		for _, r := range tb.Rows {
			got = append(got, strings.SplitN(r[1], ". ", 2)[0]+" "+r[3])
		}
		if want := []string{"II.6.c Quá hạn (hạn 30/09/2026)", "II.6.d Quá hạn (hạn 30/06/2026)"}; !slices.Equal(got, want) {
			t.Errorf("II.6 rows = %q, want %q", got, want)
		}
		if strings.Contains(text, pfReturned) || strings.Contains(text, "88/TTr-SGDĐT") {
			t.Error("evidence the Office returned is reported")
		}
		if strings.Contains(text, "II.3.a.") {
			t.Error("II.3.a, done in quarter II, is listed in quarter III")
		}
	})

	t.Run("narrative", func(t *testing.T) {
		// The comment on II.2 comes right after its table, verbatim.
		i := slices.Index(lines, pfAreaComment)
		if i < 0 || !strings.HasPrefix(lines[i-1], "1 | II.2.b.1. ") {
			t.Errorf("II.2 comment at line %d, want after the II.2 table", i)
		}
		has(t, pfDifficulty1, pfDifficulty2, "Không có đề xuất, kiến nghị.",
			"Tiếp tục triển khai các nhiệm vụ của Kế hoạch cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 của Sở Giáo dục và Đào tạo Hải Phòng "+
				"theo Phụ lục phân công, trong đó tập trung: hoàn thành 3 nhiệm vụ đang quá hạn; thực hiện 5 nhiệm vụ đến hạn trong quý IV năm 2026; "+
				"nâng cao chất lượng giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến.",
			"Trên đây là báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2026 của Sở Giáo dục và Đào tạo./.")
	})

	t.Run("targets", func(t *testing.T) {
		has(t, "Kết quả thực hiện 7 chỉ tiêu của Kế hoạch (mục tiêu của giai đoạn 2026 - 2027): đạt 1; đúng tiến độ 2; "+
			"có nguy cơ không đạt 1; chưa có số liệu 2; không có mục tiêu cho kỳ 1.")
		tb := docTable(t, d, "1. Các chỉ tiêu", "Mã")
		want := [][]string{
			{"CT-01", "Mức độ trưởng thành về quản trị dữ liệu đạt cấp độ 3", "2 cấp độ", "≥ 3 cấp độ", "Đúng tiến độ"},
			{"CT-02", "Thủ tục hành chính đủ điều kiện cung cấp dịch vụ công trực tuyến toàn trình", "100%", "≥ 100%", "Đạt"},
			{"CT-03", "Tỷ lệ cấp kết quả giải quyết thủ tục hành chính điện tử", "92,5%", "≥ 100%", "Có nguy cơ không đạt"},
			{"CT-04", "Tỷ lệ hài lòng khi sử dụng dịch vụ công trực tuyến", "-", "≥ 95%", "Chưa có số liệu"},
			{"CT-05", "Chất lượng đội ngũ cán bộ, công chức, viên chức", "-", "Định tính", "Chưa có số liệu"},
			{"CT-08", "Tỷ lệ thanh toán trực tuyến trên Cổng Dịch vụ công quốc gia", "99,2%", "-", "Không có mục tiêu cho kỳ"},
			{"CT-15", "Cắt giảm thời gian giải quyết thủ tục hành chính so với năm 2024", "12,5%", "≥ 50%", "Đúng tiến độ"},
		}
		compareTables(t, tb.Rows, want)
	})

	t.Run("766 index", func(t *testing.T) {
		tb := docTable(t, d, "2. Chỉ số phục vụ", "Mã")
		rows := map[string][]string{}
		for _, r := range tb.Rows {
			rows[r[0]] = r
		}
		for code, want := range map[string][]string{
			"Nhóm 2": {"Nhóm 2", "TIẾN ĐỘ, KẾT QUẢ GIẢI QUYẾT", "", "19,68", "20"},
			"2.1":    {"2.1", "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn", "98,4%", "19,68", "20"},
			"1.1":    {"1.1", "Tỷ lệ thủ tục hành chính công bố đúng hạn", "Chưa đo được", "-", "6"},
			"4.3":    {"4.3", "Tỷ lệ hồ sơ khai thác, sử dụng lại dữ liệu số hóa", "34,8%", "0,7", "2"},
		} {
			if got := rows[code]; !slices.Equal(got, want) {
				t.Errorf("row %s = %q, want %q", code, got, want)
			}
		}
		last := tb.Rows[len(tb.Rows)-1]
		if last[1] != "Tổng điểm (phần đo được)" || last[3] != viDecimal(p.Index.Score, 2) || last[4] != viDecimal(p.Index.Measurable, 2) {
			t.Errorf("total row = %q (index %v/%v)", last, p.Index.Score, p.Index.Measurable)
		}
		if !strings.Contains(text, "Thời gian giải quyết bình quân một hồ sơ: 4,25 ngày làm việc.") {
			t.Error("no average processing time")
		}
	})

	t.Run("dossiers", func(t *testing.T) {
		has(t,
			"Trong kỳ, Sở tiếp nhận 1.234 hồ sơ (trong đó 1.184 hồ sơ nộp trực tuyến, chiếm 95,9%); kỳ trước chuyển sang 7 hồ sơ.",
			// 1.180 / 1.190 = 99,16%; 10 / 1.190 = 0,84%.
			"Đã giải quyết 1.190 hồ sơ, trong đó đúng hạn và trước hạn 1.180 hồ sơ (đạt 99,2%), quá hạn 10 hồ sơ (0,8%). Đang giải quyết 51 hồ sơ, trong đó quá hạn 1 hồ sơ.",
			// 1.140 / 1.190 = 95,80%; 1.075 / 1.084 = 99,17%; 430 / 1.234 = 34,85%.
			"Cấp kết quả điện tử 1.140/1.190 hồ sơ có kết quả (95,8%); thanh toán trực tuyến 1.075/1.084 hồ sơ có phí, lệ phí (99,2%); "+
				"khai thác, sử dụng lại dữ liệu đã số hóa ở 430 hồ sơ (34,8% số hồ sơ tiếp nhận).",
		)
		tb := docTable(t, d, "Kết quả giải quyết theo từng thủ tục", "STT")
		compareTables(t, tb.Rows, [][]string{
			{"1", "Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", "1.020", "98%", "996", "990", "6", "99,4%", "29"},
			{"2", "Chỉnh sửa nội dung văn bằng, chứng chỉ", "150", "80%", "144", "140", "4", "97,2%", "8"},
			{"3", "Cho phép trung tâm ngoại ngữ, tin học hoạt động giáo dục", "64", "100%", "50", "50", "0", "100%", "14"},
			{"", "Tổng cộng", "1.234", "95,9%", "1.190", "1.180", "10", "99,2%", "51"},
		})
	})
}

func TestPeriodicDefaults(t *testing.T) {
	t.Run("difficulties from the data", func(t *testing.T) {
		p := periodicFixture(t)
		p.Narrative.Difficulties = " \n "
		lines := docLines(buildPeriodic(t, p))
		want := "Trong kỳ, còn 3 nhiệm vụ quá hạn chưa hoàn thành (II.1.b, II.6.c, II.6.d); còn 11 hồ sơ thủ tục hành chính giải quyết quá hạn."
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q", want)
		}
	})
	t.Run("intro citing the plan's number and date", func(t *testing.T) {
		p := periodicFixture(t)
		doc := *p.Plan
		doc.Number, doc.Place = "Số: 45/KH-SGDĐT", "Hải Phòng, ngày 20 tháng 4 năm 2026"
		p.Plan = &doc
		want := "Thực hiện Kế hoạch số 45/KH-SGDĐT ngày 20/04/2026 về cải cách hành chính nhà nước trọng tâm giai đoạn 2026 - 2030 " +
			"của Sở Giáo dục và Đào tạo Hải Phòng, Sở Giáo dục và Đào tạo báo cáo kết quả thực hiện công tác cải cách hành chính quý III năm 2026 như sau:"
		if got := docLines(buildPeriodic(t, p))[0]; got != want {
			t.Errorf("intro = %q\nwant %q", got, want)
		}
	})
	t.Run("intro written by the Office", func(t *testing.T) {
		p := periodicFixture(t)
		p.Narrative.Intro = "Căn cứ chỉ đạo của UBND thành phố, Sở báo cáo như sau:"
		if got := docLines(buildPeriodic(t, p))[0]; got != p.Narrative.Intro {
			t.Errorf("intro = %q", got)
		}
	})
	t.Run("numbered, signed, reissued", func(t *testing.T) {
		p := periodicFixture(t)
		p.Number, p.Version, p.Replaces, p.Reason = "Số: 131/BC-SGDĐT", 2, "125/BC-SGDĐT", "Bổ sung số liệu hồ sơ của tháng 9."
		p.Signer = Signer{Title: []string{"GIÁM ĐỐC"}, Name: "Lương Văn Việt"}
		p.Recipients = []string{"UBND thành phố", "Lưu: VT"}
		d := buildPeriodic(t, p)
		if d.Number != "Số: 131/BC-SGDĐT" || !slices.Equal(d.SignerTitle, []string{"GIÁM ĐỐC"}) || d.SignerName != "Lương Văn Việt" ||
			!slices.Equal(d.Recipients, p.Recipients) {
			t.Errorf("number %q signer %q %q recipients %q", d.Number, d.SignerTitle, d.SignerName, d.Recipients)
		}
		want := "Báo cáo này (ban hành lần 2) thay thế Báo cáo số 125/BC-SGDĐT (lần 1). Lý do: Bổ sung số liệu hồ sơ của tháng 9."
		if got := docLines(d)[0]; got != want {
			t.Errorf("first line = %q, want %q", got, want)
		}
		p.Replaces = ""
		want = "Báo cáo này (ban hành lần 2) thay thế báo cáo cùng kỳ ban hành lần 1. Lý do: Bổ sung số liệu hồ sơ của tháng 9."
		if got := docLines(buildPeriodic(t, p))[0]; got != want {
			t.Errorf("first line = %q, want %q", got, want)
		}
	})
}

func TestPeriodicTitle(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Periodic
		want string
	}{
		{"quarter", Periodic{Kind: PeriodicQuarter, Period: indicator.MustPeriod("2026-Q3")}, pfTitle},
		{"first half", Periodic{Kind: PeriodicHalf, Period: indicator.MustPeriod("2027-H1")}, "Kết quả thực hiện công tác cải cách hành chính 6 tháng đầu năm 2027"},
		{"second half", Periodic{Kind: PeriodicHalf, Period: indicator.MustPeriod("2027-H2")}, "Kết quả thực hiện công tác cải cách hành chính 6 tháng cuối năm 2027"},
		{"year", Periodic{Kind: PeriodicYear, Period: indicator.MustPeriod("2026")}, "Kết quả thực hiện công tác cải cách hành chính năm 2026"},
		{"range", Periodic{Kind: PeriodicRange, From: date(2026, 1, 1), To: time.Date(2026, 3, 15, 0, 0, 0, 0, plan.Vietnam)},
			"Kết quả thực hiện công tác cải cách hành chính từ ngày 01/01/2026 đến ngày 15/03/2026"},
		{"kind and period disagree", Periodic{Kind: PeriodicQuarter, Period: indicator.MustPeriod("2026")}, "Kết quả thực hiện công tác cải cách hành chính"},
		{"no period", Periodic{Kind: PeriodicHalf}, "Kết quả thực hiện công tác cải cách hành chính"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Title(); got != tc.want {
				t.Errorf("Title() = %q, want %q", got, tc.want)
			}
		})
	}
}

// TestPeriodicTaskStatus checks which tasks fall to a period and with what
// status, on the fixture's tasks, for quarters II and III and the year. The
// statuses are derived as of the report's date (05/10/2026), so in quarter
// II the tasks due later but overdue now (II.1.b, II.6.c) are overdue, and
// II.5.b, delivered in September, is done.
func TestPeriodicTaskStatus(t *testing.T) {
	p := periodicFixture(t)
	for _, tc := range []struct {
		period string
		want   map[string]plan.Status // tasks in the period; the rest assigned are not
	}{
		{"2026-Q3", map[string]plan.Status{
			"II.1.a.1": plan.Done, "II.1.b": plan.Overdue, "II.2.a.2.2": plan.InProgress, "II.2.b.1": plan.DoneLate,
			"II.4.đ": plan.InProgress, "II.5.b": plan.Done, "II.6.c": plan.Overdue, "II.6.d": plan.Overdue, "V.2.2.3": plan.Done,
		}},
		{"2026-Q2", map[string]plan.Status{
			"II.1.a.1": plan.Done, "II.1.b": plan.Overdue, "II.2.a.2.2": plan.InProgress, "II.2.b.1": plan.Done, "II.3.a": plan.Done,
			"II.4.đ": plan.Done, "II.5.b": plan.Done, "II.6.c": plan.Overdue, "II.6.d": plan.Overdue, "V.2.2.3": plan.Done,
		}},
		{"2026", map[string]plan.Status{
			"II.1.a.1": plan.InProgress, "II.1.b": plan.Overdue, "II.2.a.2.2": plan.InProgress, "II.2.b.1": plan.InProgress, "II.3.a": plan.Done,
			"II.4.đ": plan.InProgress, "II.5.b": plan.Done, "II.6.c": plan.Overdue, "II.6.d": plan.Overdue, "V.2.2.3": plan.InProgress,
		}},
	} {
		t.Run(tc.period, func(t *testing.T) {
			pp, _ := plan.ParsePeriod(tc.period)
			got := map[string]plan.Status{}
			for _, v := range p.taskViews(periodSpan{from: pp.From, to: pp.To}) {
				if v.inPeriod {
					got[v.task.Node.Code] = v.status
				}
			}
			if !maps.Equal(got, tc.want) {
				t.Errorf("statuses in %s:\n got %v\nwant %v", tc.period, got, tc.want)
			}
		})
	}
}

func TestPeriodicNumbers(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{viInt(0), "0"}, {viInt(999), "999"}, {viInt(1234), "1.234"}, {viInt(-1234567), "-1.234.567"},
		{viDecimal(92.5, 1), "92,5"}, {viDecimal(100, 1), "100"}, {viDecimal(19.675, 2), "19,68"}, {viDecimal(1234.5, 1), "1.234,5"},
		{viDecimal(-0.01, 1), "0"}, {viDecimal(-3.25, 2), "-3,25"},
		{viPercent(1180, 1190), "99,2%"}, {viPercent(1, 3), "33,3%"}, {viPercent(5, 5), "100%"}, {viPercent(1, 0), "-"},
		{viValue(pfFloat(3), "cấp độ"), "3 cấp độ"}, {viValue(nil, "%"), "-"},
		{indicatorStatusName(indicator.StatusMissed), "Không đạt"}, {indicatorStatusName(""), "Chưa có số liệu"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}
