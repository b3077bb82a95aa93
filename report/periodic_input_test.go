package report

import (
	"bytes"
	"io"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/indicator"
	"github.com/hpdoet/cchc/officedoc"
	"github.com/xuri/excelize/v2"
)

func TestPeriodicInvalid(t *testing.T) {
	long := strings.Repeat("Cải cách hành chính. ", MaxNarrative/20+1) // just over the limit
	for _, tc := range []struct {
		name   string
		change func(p *Periodic)
		fields []string
	}{
		{"narrative too long", func(p *Periodic) { p.Narrative.Intro = long }, []string{"narrative.intro"}},
		{"area narrative too long", func(p *Periodic) { p.Narrative.Areas["II.4"] = long }, []string{"narrative.areas.II.4"}},
		{"control character", func(p *Periodic) { p.Narrative.Proposals = "Đề xuất\x00bổ sung" }, []string{"narrative.proposals"}},
		{"escape in an area", func(p *Periodic) { p.Narrative.Areas["II.2"] = "Kết quả \x1b[31m" }, []string{"narrative.areas.II.2"}},
		{"unknown area", func(p *Periodic) { p.Narrative.Areas["II.7"] = "Không có lĩnh vực này" }, []string{"narrative.areas.II.7"}},
		{"invalid UTF-8", func(p *Periodic) { p.Narrative.NextTasks = "Nhi\xffệm vụ" }, []string{"narrative.next_tasks"}},
		{"control character in the number", func(p *Periodic) { p.Number = "125/BC\x07" }, []string{"number"}},
		{"range from after to", func(p *Periodic) {
			p.Kind, p.Period, p.From, p.To = PeriodicRange, indicator.Period{}, date(2026, 9, 30), date(2026, 7, 1)
		}, []string{"from"}},
		{"range without dates", func(p *Periodic) { p.Kind, p.Period = PeriodicRange, indicator.Period{} }, []string{"from", "to"}},
		{"unknown kind", func(p *Periodic) { p.Kind = "month" }, []string{"kind"}},
		{"period of another kind", func(p *Periodic) { p.Period = indicator.MustPeriod("2026-H2") }, []string{"period"}},
		{"no period", func(p *Periodic) { p.Period = indicator.Period{} }, []string{"period"}},
		{"no date", func(p *Periodic) { p.Date = time.Time{} }, []string{"date"}},
		{"dated before the period", func(p *Periodic) { p.Date = date(2026, 6, 30) }, []string{"date"}},
		{"reissued without a reason", func(p *Periodic) { p.Version = 2 }, []string{"reason"}},
		{"negative version", func(p *Periodic) { p.Version = -1 }, []string{"version"}},
		{"negative count", func(p *Periodic) { p.Dossiers.ByProcedure[0].Received = -1 }, []string{
			"dossiers.by_procedure[0].received", "dossiers.by_procedure[0].online", "dossiers.by_procedure[0].results",
			"dossiers.by_procedure[0].fee_dossiers", "dossiers.by_procedure[0].reused", "dossiers.by_procedure[0].open"}},
		{"more online than received", func(p *Periodic) { p.Dossiers.ByUnit[1].Online = 65 }, []string{"dossiers.by_unit[1].online"}},
		{"totals that do not add up", func(p *Periodic) { p.Dossiers.Total = DossierCounts{Received: 10, SettledOnTime: 20} }, []string{"dossiers.total.open"}},
		{"row without a name", func(p *Periodic) { p.Dossiers.ByProcedure[2].Name = " " }, []string{"dossiers.by_procedure[2].name"}},
		{"unknown unit", func(p *Periodic) { delete(p.Units, 6) }, []string{"units"}},
		{"task without a node", func(p *Periodic) { p.Tasks[4].Node = nil }, []string{"tasks"}},
		{"too many recipients", func(p *Periodic) { p.Recipients = make([]string, 51) }, []string{"recipients"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := periodicFixture(t)
			tc.change(&p)
			for name, err := range map[string]error{
				"Validate":          p.Validate(),
				"PeriodicDocument":  func() error { _, err := PeriodicDocument(p); return err }(),
				"WritePeriodicXLSX": WritePeriodicXLSX(io.Discard, p),
			} {
				if got := cchc.ErrorCode(err); got != cchc.EINVALID {
					t.Fatalf("%s: error code %q (%v), want EINVALID", name, got, err)
				}
				got := slices.Sorted(maps.Keys(cchc.ErrorFields(err)))
				if want := slices.Sorted(slices.Values(tc.fields)); !slices.Equal(got, want) {
					t.Errorf("%s: fields %q, want %q (%v)", name, got, want, cchc.ErrorFields(err))
				}
				for _, f := range tc.fields {
					if msg := cchc.ErrorFields(err)[f]; msg == "" {
						t.Errorf("%s: no message for %s", name, f)
					}
				}
			}
			var buf bytes.Buffer
			if err := WritePeriodicXLSX(&buf, p); err == nil || buf.Len() > 0 {
				t.Errorf("WritePeriodicXLSX wrote %d bytes for invalid input", buf.Len())
			}
		})
	}

	t.Run("the limit itself is accepted and kept whole", func(t *testing.T) {
		p := periodicFixture(t)
		p.Narrative.NextTasks = strings.Repeat("ệ", MaxNarrative-1) + "\n"
		d := buildPeriodic(t, p)
		if !slices.Contains(docLines(d), strings.Repeat("ệ", MaxNarrative-1)) {
			t.Error("a narrative at the limit is not in the document whole")
		}
	})
	t.Run("the message names the character", func(t *testing.T) {
		p := periodicFixture(t)
		p.Narrative.Difficulties = "ab\x01"
		msg := cchc.ErrorFields(p.Validate())["narrative.difficulties"]
		if !strings.Contains(msg, "U+0001") || !strings.Contains(msg, "vị trí 3") {
			t.Errorf("message = %q", msg)
		}
	})
}

func TestPeriodicEmpty(t *testing.T) {
	for name, p := range map[string]Periodic{
		"quarter": {Kind: PeriodicQuarter, Period: indicator.MustPeriod("2027-Q1"), Date: date(2027, 4, 2)},
		"range":   {Kind: PeriodicRange, From: date(2026, 1, 1), To: date(2026, 2, 28), Date: date(2026, 3, 1)},
	} {
		t.Run(name, func(t *testing.T) {
			d := buildPeriodic(t, p)
			lines := docLines(d)
			for _, want := range []string{
				"Tổng hợp chung, trong kỳ toàn Sở không có nhiệm vụ phải thực hiện. Chi tiết từng nhiệm vụ tại Phụ lục kèm theo Báo cáo này.",
				"Chưa có số liệu các chỉ tiêu của Kế hoạch trong kỳ.",
				"Chưa có số liệu Chỉ số phục vụ người dân, doanh nghiệp trong kỳ.",
				"Trong kỳ, Sở không tiếp nhận, giải quyết hồ sơ thủ tục hành chính.",
				"Trong kỳ, không có khó khăn, vướng mắc phát sinh.",
			} {
				if !slices.Contains(lines, want) {
					t.Errorf("no line %q in\n%s", want, strings.Join(lines, "\n"))
				}
			}
			if err := officedoc.WriteDOCX(io.Discard, d); err != nil {
				t.Errorf("WriteDOCX: %v", err)
			}
			if err := officedoc.WritePDF(io.Discard, d); err != nil {
				t.Errorf("WritePDF: %v", err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(writePeriodicFixture(t, p)))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			rows, _ := f.GetRows(PeriodicProceduresSheet)
			if got := tableFrom(t, rows, "STT"); len(got) != 2 || got[1][2] != "Tổng cộng" {
				t.Errorf("procedures table = %q, want a header and a zero total", got)
			}
		})
	}
	t.Run("range has no next period", func(t *testing.T) {
		d := buildPeriodic(t, Periodic{Kind: PeriodicRange, From: date(2026, 1, 1), To: date(2026, 2, 28), Date: date(2026, 3, 1)})
		if !slices.Contains(docLines(d), "VI. NHIỆM VỤ TRỌNG TÂM KỲ TỚI") {
			t.Error("no heading for the next period")
		}
	})
}
