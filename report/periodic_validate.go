package report

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hpdoet/cchc"
)

// Validate checks the report's input and returns an EINVALID *cchc.Error
// naming each field at fault: the kind and period, the date, the version
// and its reason, texts too long or holding control characters (narrative
// fields up to MaxNarrative characters), tasks without a plan node or
// naming a unit not in Units, and dossier counts that are negative or do
// not add up.
func (p Periodic) Validate() error {
	fields := map[string]string{}
	sp, ok := p.resolve(fields)
	if p.Date.IsZero() {
		fields["date"] = "Vui lòng nhập ngày ban hành báo cáo."
	} else if ok && civilOf(p.Date).Before(sp.from) {
		fields["date"] = "Ngày ban hành không được trước ngày đầu kỳ báo cáo."
	}
	switch {
	case p.Version < 0:
		fields["version"] = "Lần ban hành không hợp lệ."
	case p.Version >= 2 && strings.TrimSpace(p.Reason) == "":
		fields["reason"] = "Vui lòng nêu lý do ban hành lại báo cáo."
	}

	checkPeriodicText(fields, "number", p.Number, maxLineField)
	checkPeriodicText(fields, "replaces", p.Replaces, maxLineField)
	checkPeriodicText(fields, "reason", p.Reason, MaxNarrative)
	n := p.Narrative
	checkPeriodicText(fields, "narrative.intro", n.Intro, MaxNarrative)
	checkPeriodicText(fields, "narrative.direction", n.Direction, MaxNarrative)
	checkPeriodicText(fields, "narrative.difficulties", n.Difficulties, MaxNarrative)
	checkPeriodicText(fields, "narrative.proposals", n.Proposals, MaxNarrative)
	checkPeriodicText(fields, "narrative.next_tasks", n.NextTasks, MaxNarrative)
	for code, text := range n.Areas {
		name := "narrative.areas." + code
		if _, known := defaultAreaNames[code]; !known {
			fields[name] = "Lĩnh vực phải là một trong II.1 đến II.6 của Kế hoạch."
			continue
		}
		checkPeriodicText(fields, name, text, MaxNarrative)
	}
	for i, line := range p.Signer.Title {
		checkPeriodicText(fields, fmt.Sprintf("signer.title[%d]", i), line, maxLineField)
	}
	checkPeriodicText(fields, "signer.name", p.Signer.Name, maxLineField)
	if len(p.Recipients) > maxRecipients {
		fields["recipients"] = fmt.Sprintf("Không quá %d nơi nhận.", maxRecipients)
	}
	for i, r := range p.Recipients {
		checkPeriodicText(fields, fmt.Sprintf("recipients[%d]", i), r, maxLineField)
	}

	p.validateTasks(fields)
	validateDossiers(fields, p.Dossiers)
	if len(fields) > 0 {
		return cchc.Invalid("Thông tin báo cáo định kỳ chưa hợp lệ.", fields)
	}
	return nil
}

// checkPeriodicText records in fields[name] why text cannot go into the report:
// not UTF-8, a control character other than a line break or tab, or more
// than limit characters.
func checkPeriodicText(fields map[string]string, name, text string, limit int) {
	if !utf8.ValidString(text) {
		fields[name] = "Nội dung có ký tự không hợp lệ (không phải UTF-8)."
		return
	}
	for i, r := range text {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			fields[name] = fmt.Sprintf("Nội dung có ký tự điều khiển U+%04X ở vị trí %d; vui lòng xóa ký tự này.", r, utf8.RuneCountInString(text[:i])+1)
			return
		}
	}
	if n := utf8.RuneCountInString(text); n > limit {
		fields[name] = fmt.Sprintf("Nội dung không quá %s ký tự (hiện có %s ký tự).", viInt(int64(limit)), viInt(int64(n)))
	}
}

// validateTasks checks that every task has a plan node and that its units
// are known.
func (p Periodic) validateTasks(fields map[string]string) {
	for i, t := range p.Tasks {
		if t == nil || t.Node == nil {
			fields["tasks"] = fmt.Sprintf("Nhiệm vụ thứ %d không có nội dung trong Kế hoạch.", i+1)
			return
		}
		if as := t.Assignment; as != nil {
			for _, id := range append([]int64{as.LeadUnitID}, as.CoUnitIDs...) {
				if p.Units[id] == nil {
					fields["units"] = fmt.Sprintf("Nhiệm vụ %s giao cho đơn vị có mã số %d, không có trong danh sách đơn vị.", t.Node.Code, id)
					return
				}
			}
		}
	}
}

// validateDossiers checks the dossier counts: none negative, every part no
// larger than its whole, every row named.
func validateDossiers(fields map[string]string, s DossierStats) {
	check := func(prefix string, c DossierCounts) {
		for _, v := range []struct {
			name string
			n    int64
		}{
			{"carried_over", c.CarriedOver}, {"received", c.Received}, {"online", c.Online},
			{"settled_on_time", c.SettledOnTime}, {"settled_late", c.SettledLate}, {"open", c.Open},
			{"open_late", c.OpenLate}, {"results", c.Results}, {"e_results", c.EResults},
			{"fee_dossiers", c.FeeDossiers}, {"paid_online", c.PaidOnline}, {"reused", c.Reused},
		} {
			if v.n < 0 {
				fields[prefix+"."+v.name] = "Số hồ sơ không được âm."
			}
		}
		for _, part := range []struct {
			name        string
			part, whole int64
			message     string
		}{
			{"online", c.Online, c.Received, "Số hồ sơ trực tuyến không được lớn hơn số hồ sơ tiếp nhận."},
			{"open_late", c.OpenLate, c.Open, "Số hồ sơ đang giải quyết quá hạn không được lớn hơn số hồ sơ đang giải quyết."},
			{"results", c.Results, c.Received, "Số hồ sơ có kết quả không được lớn hơn số hồ sơ tiếp nhận."},
			{"e_results", c.EResults, c.Results, "Số kết quả điện tử không được lớn hơn số hồ sơ có kết quả."},
			{"fee_dossiers", c.FeeDossiers, c.Received, "Số hồ sơ có phí, lệ phí không được lớn hơn số hồ sơ tiếp nhận."},
			{"paid_online", c.PaidOnline, c.FeeDossiers, "Số hồ sơ thanh toán trực tuyến không được lớn hơn số hồ sơ có phí, lệ phí."},
			{"reused", c.Reused, c.Received, "Số hồ sơ sử dụng lại dữ liệu không được lớn hơn số hồ sơ tiếp nhận."},
			{"open", c.Settled() + c.Open, c.CarriedOver + c.Received, "Số hồ sơ đã và đang giải quyết không được lớn hơn số hồ sơ kỳ trước chuyển sang và tiếp nhận mới."},
		} {
			if part.part > part.whole {
				fields[prefix+"."+part.name] = part.message
			}
		}
	}
	check("dossiers.total", s.Total)
	for _, rows := range []struct {
		name string
		rows []DossierRow
	}{{"dossiers.by_procedure", s.ByProcedure}, {"dossiers.by_unit", s.ByUnit}} {
		for i, r := range rows.rows {
			prefix := fmt.Sprintf("%s[%d]", rows.name, i)
			if strings.TrimSpace(r.Name) == "" {
				fields[prefix+".name"] = "Vui lòng nhập tên."
			}
			checkPeriodicText(fields, prefix+".name", r.Name, maxLineField)
			check(prefix, r.DossierCounts)
		}
	}
}
