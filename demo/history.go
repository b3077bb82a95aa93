package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/plan"
	"github.com/hpdoet/cchc/sqldb"
)

type eventKind int

const (
	evProgress eventKind = iota
	evEvidence
	evAccept
	evReturn
)

// event is one step of the demo history.
type event struct {
	at       time.Time
	kind     eventKind
	task     string
	instance int64
	user     *cchc.User
	text     string
	evidence *plan.Evidence // the evidence an accept or return refers to
}

var progressNotes = []string{
	"Đã xây dựng dự thảo, đang lấy ý kiến các phòng liên quan.",
	"Đã tổ chức họp triển khai; đang tổng hợp số liệu từ các đơn vị.",
	"Hoàn thiện dự thảo lần 2 sau góp ý của Lãnh đạo Sở.",
	"Đang phối hợp với Văn phòng Sở rà soát nội dung trước khi trình ký.",
	"Đã gửi văn bản đôn đốc các đơn vị trực thuộc báo cáo số liệu.",
}

var docKinds = []string{"KH", "BC", "QĐ", "TTr", "CV"}

// history decides, deterministically from rng, what happened to one
// instance up to now: on time, late, overdue, returned then redone, or
// still in progress.
func history(rng *rand.Rand, t *plan.Task, in *plan.InstanceState, poster, office *cchc.User, now time.Time) []event {
	day := func(d time.Time, offset int, hour int) time.Time {
		// Civil date + offset days at hour:minute Vietnam time, in UTC.
		v := d.AddDate(0, 0, offset)
		return time.Date(v.Year(), v.Month(), v.Day(), hour-7, rng.IntN(60), 0, 0, time.UTC)
	}
	var out []event
	base := in.Start
	if assigned := plan.CivilDate(AssignedAt); base.Before(assigned) {
		base = assigned
	}
	span := int(in.Due.Sub(base).Hours() / 24)
	if span < 2 {
		span = 2
	}
	progressAt := day(base, 1+rng.IntN(span/2+1), 9)
	if progressAt.Before(now) && rng.IntN(10) < 7 {
		out = append(out, event{at: progressAt, kind: evProgress, task: t.Node.Code, instance: in.ID, user: poster,
			text: progressNotes[rng.IntN(len(progressNotes))]})
	}
	dueDay := in.Due
	roll := rng.IntN(100)
	var submitAt time.Time
	switch {
	case roll < 66: // on time
		submitAt = day(dueDay, -rng.IntN(span/3+1), 14)
	case roll < 78: // late
		submitAt = day(dueDay, 2+rng.IntN(20), 10)
	case roll < 88: // returned once, then redone
		submitAt = day(dueDay, -1-rng.IntN(5), 15)
	default: // nothing delivered
		return out
	}
	if !submitAt.After(progressAt) {
		submitAt = progressAt.Add(26 * time.Hour)
	}
	if !submitAt.Before(now) {
		return out
	}
	ev := docEvidence(rng, submitAt, t)
	out = append(out, event{at: submitAt, kind: evEvidence, task: t.Node.Code, instance: in.ID, user: poster, evidence: ev})
	reviewAt := submitAt.Add(time.Duration(20+rng.IntN(100)) * time.Hour)
	if !reviewAt.Before(now) {
		return out // awaiting review
	}
	if roll >= 78 && roll < 88 {
		out = append(out, event{at: reviewAt, kind: evReturn, task: t.Node.Code, user: office, evidence: ev,
			text: "Đề nghị bổ sung số liệu minh chứng và chữ ký của lãnh đạo đơn vị."})
		again := reviewAt.Add(time.Duration(30+rng.IntN(150)) * time.Hour)
		if !again.Before(now) {
			return out
		}
		ev2 := docEvidence(rng, again, t)
		out = append(out, event{at: again, kind: evEvidence, task: t.Node.Code, instance: in.ID, user: poster, evidence: ev2})
		if again2 := again.Add(48 * time.Hour); again2.Before(now) {
			out = append(out, event{at: again2, kind: evAccept, task: t.Node.Code, user: office, evidence: ev2})
		}
		return out
	}
	return append(out, event{at: reviewAt, kind: evAccept, task: t.Node.Code, user: office, evidence: ev})
}

func docEvidence(rng *rand.Rand, at time.Time, t *plan.Task) *plan.Evidence {
	issued := plan.CivilDate(at).AddDate(0, 0, -rng.IntN(3))
	kind := docKinds[rng.IntN(len(docKinds))]
	return &plan.Evidence{Kind: plan.EvidenceDocument, DocNumber: fmt.Sprintf("%d/%s-SGDĐT", 100+rng.IntN(2800), kind),
		DocDate: &issued, DocIssuer: "Sở Giáo dục và Đào tạo Hải Phòng",
		Description: "Minh chứng cho: " + truncate(t.Assignment.Product, 150)}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

func (e event) apply(ctx context.Context, db *sqldb.DB, st *Stats) error {
	ctx = cchc.WithUser(ctx, e.user)
	switch e.kind {
	case evProgress:
		if _, err := db.AddProgress(ctx, e.instance, e.text); err != nil {
			return err
		}
		st.Progress++
	case evEvidence:
		if err := db.AddEvidence(ctx, e.instance, e.evidence); err != nil {
			return err
		}
		st.Evidence++
	case evAccept, evReturn:
		if _, err := db.ReviewEvidence(ctx, e.evidence.ID, e.kind == evAccept, e.text); err != nil {
			return err
		}
		st.Reviews++
	}
	return nil
}
