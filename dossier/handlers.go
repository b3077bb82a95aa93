package dossier

import (
	"fmt"
	"slices"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/calendar"
)

// submit records a new dossier: online by the applicant, or a paper dossier
// by the counter before it is checked.
func (m *machine) submit() error {
	f := map[string]string{}
	m.checkNew(f)
	if err := invalid(f); err != nil {
		return err
	}
	m.create()
	return nil
}

// receive accepts a submitted dossier, or records and accepts a counter or
// postal dossier at once, and sets the appointment (Mẫu 01).
func (m *machine) receive() error {
	f := map[string]string{}
	if m.d.State == None {
		m.checkNew(f)
	}
	var steps []StepState
	if len(m.in.Steps) > 0 {
		steps = checkSteps(m.in.Steps, f)
	}
	if err := invalid(f); err != nil {
		return err
	}
	if m.d.State == None {
		m.create()
	}
	rc, err := receiptCalendar(m.cal, m.d.SameDay)
	if err != nil {
		return err
	}
	m.d.ReceivedAt = m.now
	m.d.Due = rc.Due(m.now, m.d.LimitDays)
	m.d.OriginalDue = m.d.Due
	if steps != nil {
		m.d.Steps = steps
	}
	return nil
}

// checkNew checks the inputs that create a dossier.
func (m *machine) checkNew(f map[string]string) {
	switch ch := m.in.Channel; {
	case !ch.Valid():
		f["channel"] = "Chọn hình thức nộp hồ sơ: trực tiếp, trực tuyến hoặc qua bưu chính công ích."
	case m.in.Role == cchc.RoleCitizen && ch != Online:
		f["channel"] = "Công dân, doanh nghiệp tự nộp hồ sơ theo hình thức trực tuyến."
	case m.in.Role == cchc.RoleOneStop && ch == Online:
		f["channel"] = "Hồ sơ trực tuyến do công dân, doanh nghiệp nộp trên cổng dịch vụ công."
	}
	if err := m.in.Code.Validate(); err != nil {
		f["code"] = "Mã số hồ sơ không hợp lệ (cần dạng 000.00.31.H26-260213-0042)."
	} else if day := calendar.DateOf(m.now); m.in.Code.Date != day {
		f["code"] = fmt.Sprintf("Ngày trong mã số hồ sơ (%s) phải là ngày tiếp nhận (%s).", m.in.Code.Date.Display(), day.Display())
	}
	p := m.in.Procedure
	if p.Code == "" || len(p.Code) > 64 || p.Code != trim(p.Code) {
		f["procedure_code"] = "Chọn thủ tục hành chính."
	}
	switch {
	case p.LimitDays < 0 || p.LimitDays > MaxLimitDays:
		f["limit_days"] = fmt.Sprintf("Thời hạn giải quyết phải từ 0 đến %d ngày làm việc.", MaxLimitDays)
	case p.LimitDays == 0 && !p.SameDay:
		f["limit_days"] = "Thời hạn giải quyết 0 ngày chỉ dùng cho thủ tục giải quyết trong ngày."
	}
}

// create fills the dossier from the inputs checked by checkNew.
func (m *machine) create() {
	m.d.Channel = m.in.Channel
	m.d.Code = m.in.Code
	m.d.ProcedureCode = m.in.Procedure.Code
	m.d.LimitDays = m.in.Procedure.LimitDays
	m.d.SameDay = m.in.Procedure.SameDay
	m.d.SubmittedAt = m.now
}

// requestSupplement asks the applicant to supplement (Mẫu 02). At reception
// it is the one consolidated request; after receipt it stops the clock, and
// a second such request makes the dossier late.
func (m *machine) requestSupplement() error {
	if m.d.State == Submitted && m.d.ReceptionSupplements >= 1 {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ đã được yêu cầu bổ sung khi tiếp nhận; việc hướng dẫn chỉ thực hiện một lần, đầy đủ (Mẫu 02). Hãy tiếp nhận hoặc từ chối hồ sơ.")
	}
	f := map[string]string{}
	missing := cleanList(m.in.Missing)
	if len(missing) == 0 {
		f["missing"] = "Liệt kê giấy tờ cần bổ sung, hoàn thiện."
	} else if len(missing) > maxListItems {
		f["missing"] = fmt.Sprintf("Không quá %d mục cần bổ sung.", maxListItems)
	}
	reason := m.checkReason(f, true)
	if err := invalid(f); err != nil {
		return err
	}
	if m.d.State == Submitted {
		m.d.ReceptionSupplements++
	} else {
		m.d.SupplementRequests++
		if m.d.SupplementRequests > 1 {
			m.d.markLate(m.now)
		}
		m.d.Pauses = append(m.d.Pauses, Pause{From: m.now})
	}
	m.d.Resume = m.d.State
	m.d.Missing = missing
	m.t.Missing = slices.Clone(missing)
	m.t.Reason = reason
	return nil
}

// supplement returns the dossier to where it was and, after receipt, moves
// the appointment by the clock policy.
func (m *machine) supplement() error {
	d := m.d
	to := d.Resume
	switch to {
	case Submitted:
	case Received, Processing:
		n := len(d.Pauses)
		if n == 0 || !d.Pauses[n-1].To.IsZero() {
			return fmt.Errorf("supplement: dossier %s waits with no open pause", d.Code)
		}
		from := d.Pauses[n-1].From
		d.Pauses[n-1].To = m.now
		if m.opts.Clock == ClockPause {
			w := max(m.cal.WorkingDuration(from, m.now), 0)
			d.Due = addWorking(m.cal, d.Due, w)
			if to == Processing {
				shiftSteps(m.cal, d.Steps, d.CurrentStep, w)
			}
			break
		}
		rc, err := receiptCalendar(m.cal, d.SameDay)
		if err != nil {
			return err
		}
		if due := rc.Due(m.now, d.LimitDays); due.After(d.Due) {
			d.Due = due
		}
		if to == Processing {
			planSteps(m.cal, d.Steps, d.CurrentStep, m.now, d.Due)
		}
	default:
		return fmt.Errorf("supplement: dossier %s has resume state %q", d.Code, to)
	}
	d.Resume = None
	d.Missing = nil
	m.t.To = to
	return nil
}

// refuse ends the dossier with a reason: từ chối tiếp nhận before receipt,
// không giải quyết (dừng xử lý) after.
func (m *machine) refuse() error {
	f := map[string]string{}
	reason := m.checkReason(f, true)
	if err := invalid(f); err != nil {
		return err
	}
	m.end(reason)
	return nil
}

// withdraw ends the dossier at the applicant's request.
func (m *machine) withdraw() error {
	f := map[string]string{}
	reason := m.checkReason(f, false)
	if err := invalid(f); err != nil {
		return err
	}
	m.end(reason)
	return nil
}

// end closes the dossier. A pause left open records that it ended while
// waiting for the applicant.
func (m *machine) end(reason string) {
	m.d.Reason = reason
	if m.d.FinishedAt.IsZero() {
		m.d.FinishedAt = m.now
	}
	m.d.Resume = None
	m.d.Missing = nil
	m.t.Reason = reason
}

// issueResult gives the dossier its next electronic result code.
func (m *machine) issueResult() error {
	n := len(m.d.ResultCodes) + 1
	if n > MaxResults {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ đã có %d kết quả; không cấp thêm.", MaxResults)
	}
	code, err := m.d.Code.ResultCode(n)
	if err != nil {
		return fmt.Errorf("issue result of dossier %q: %w", m.d.Code, err)
	}
	m.d.ResultCodes = append(m.d.ResultCodes, code)
	m.t.ResultCode = code
	return nil
}

// apologize sets a later appointment (Mẫu 04) for a dossier that is late or
// will be; the dossier stays late.
func (m *machine) apologize() error {
	d := m.d
	if limit := m.opts.maxApologies(); d.Apologies >= limit {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ đã được hẹn lại ngày trả %d lần; không được hẹn lại thêm.", d.Apologies)
	}
	if !WillBeLate(d, m.now, m.cal) {
		return cchc.Errorf(cchc.ECONFLICT, "Hồ sơ chưa trễ hạn và còn đủ thời gian xử lý (hẹn trả %s): chưa cần phiếu xin lỗi và hẹn lại.", display(d.Due))
	}
	f := map[string]string{}
	reason := m.checkReason(f, true)
	var due time.Time
	switch day := calendar.DateOf(m.in.NewDue); {
	case m.in.NewDue.IsZero():
		f["new_due"] = "Chọn ngày hẹn trả mới."
	case !m.cal.IsWorkingDay(day):
		f["new_due"] = fmt.Sprintf("Ngày hẹn trả mới (%s) phải là ngày làm việc.", day.Display())
	default:
		due = day.At(m.cal.Hours().Close)
		if !due.After(d.Due) || !due.After(m.now) {
			f["new_due"] = fmt.Sprintf("Ngày hẹn trả mới phải sau ngày hẹn hiện tại (%s) và sau thời điểm hiện tại.", display(d.Due))
		}
	}
	if err := invalid(f); err != nil {
		return err
	}
	d.Due = due
	d.Apologies++
	d.markLate(m.now)
	if d.State == Processing {
		planSteps(m.cal, d.Steps, d.CurrentStep, m.now, due)
	}
	m.t.Reason = reason
	return nil
}

// checkReason reads in.Reason, trimmed, and checks it.
func (m *machine) checkReason(f map[string]string, required bool) string {
	r := trim(m.in.Reason)
	switch {
	case r == "" && required:
		f["reason"] = "Nêu rõ lý do."
	case len([]rune(r)) > maxText:
		f["reason"] = fmt.Sprintf("Lý do không quá %d ký tự.", maxText)
	}
	return r
}

// display formats a deadline for a message, e.g. "17:00 27/02/2026".
func display(t time.Time) string {
	return t.In(calendar.Vietnam).Format("15:04 02/01/2006")
}
