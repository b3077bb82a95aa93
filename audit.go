package cchc

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"
)

// AuditEntry is one row of the tamper-evident audit log: who did what to
// which record, with the record before and after as JSON. Entries are
// chained: Hash covers the entry's fields and PrevHash, the previous
// entry's Hash, so a changed, inserted or deleted row breaks the chain.
type AuditEntry struct {
	Seq       int64     `json:"seq"`
	At        time.Time `json:"at"`
	ActorID   int64     `json:"actor_id,omitempty"`
	ActorName string    `json:"actor_name"`
	Action    string    `json:"action"`    // e.g. "unit.create", "plan.assign"
	Entity    string    `json:"entity"`    // e.g. "unit", "assignment"
	EntityID  string    `json:"entity_id"` // the record's key
	Before    string    `json:"before,omitempty"`
	After     string    `json:"after,omitempty"`
	IP        string    `json:"ip,omitempty"`
	PrevHash  string    `json:"prev_hash"`
	Hash      string    `json:"hash"`
}

// GenesisHash is the PrevHash of the first entry.
const GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000"

// ComputeHash returns the SHA-256 of the entry's content and PrevHash. The
// time is hashed at microsecond precision in UTC, which both databases keep.
func (e *AuditEntry) ComputeHash() string {
	payload := struct {
		Seq       int64  `json:"seq"`
		At        string `json:"at"`
		ActorID   int64  `json:"actor_id"`
		ActorName string `json:"actor_name"`
		Action    string `json:"action"`
		Entity    string `json:"entity"`
		EntityID  string `json:"entity_id"`
		Before    string `json:"before"`
		After     string `json:"after"`
		IP        string `json:"ip"`
		PrevHash  string `json:"prev_hash"`
	}{e.Seq, e.At.UTC().Truncate(time.Microsecond).Format("2006-01-02T15:04:05.000000Z"), e.ActorID, e.ActorName,
		e.Action, e.Entity, e.EntityID, e.Before, e.After, e.IP, e.PrevHash}
	b, _ := json.Marshal(payload) // a struct of strings and ints cannot fail
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// AuditProblem is the first break found when verifying the chain.
type AuditProblem struct {
	Seq    int64  `json:"seq"`    // the first row at fault (or the expected seq of a missing row)
	Reason string `json:"reason"` // "changed", "deleted", "inserted" or "broken" (a link that fits neither neighbour)
	Detail string `json:"detail"` // Vietnamese explanation
}

// VerifyAuditChain checks a run of entries in Seq order that starts at
// firstSeq with prevHash. It returns the first problem, or nil.
func VerifyAuditChain(entries []AuditEntry, firstSeq int64, prevHash string) *AuditProblem {
	want := firstSeq
	for i := range entries {
		e := &entries[i]
		switch {
		case e.Seq > want:
			return &AuditProblem{Seq: want, Reason: "deleted", Detail: "thiếu bản ghi số thứ tự này"}
		case e.Seq < want:
			return &AuditProblem{Seq: e.Seq, Reason: "inserted", Detail: "số thứ tự lặp lại hoặc sai thứ tự"}
		case e.PrevHash != prevHash && e.Hash == e.ComputeHash():
			// Self-consistent but not linked: the previous row was rewritten
			// and re-hashed, or this one was put in; the chain cannot tell which.
			return &AuditProblem{Seq: e.Seq, Reason: "broken", Detail: "bản ghi không nối tiếp bản ghi trước: bản ghi trước bị sửa rồi tính lại mã băm, hoặc bản ghi này bị chèn"}
		case e.PrevHash != prevHash:
			return &AuditProblem{Seq: e.Seq, Reason: "changed", Detail: "liên kết với bản ghi trước bị thay đổi"}
		case e.Hash != e.ComputeHash():
			return &AuditProblem{Seq: e.Seq, Reason: "changed", Detail: "nội dung không khớp mã băm"}
		}
		prevHash = e.Hash
		want++
	}
	return nil
}
