package payment

import (
	"encoding/json"
	"fmt"
	"testing"
	"time"
)

func TestDecideIPN(t *testing.T) {
	paid := &Result{Ref: "R-1", Amount: 50_000, Success: true, ResponseCode: "00", TransactionStatus: "00"}
	failed := &Result{Ref: "R-1", Amount: 50_000, ResponseCode: "24", TransactionStatus: "02"}
	pending := OrderState{Found: true, Amount: 50_000}
	for _, tc := range []struct {
		name  string
		res   *Result
		err   error
		order OrderState
		want  string
	}{
		{"paid", paid, nil, pending, RspConfirmSuccess},
		{"failed payment is confirmed too", failed, nil, pending, RspConfirmSuccess},
		{"bad checksum", nil, ErrSignature, pending, RspFailChecksum},
		{"bad checksum, wrapped", nil, fmt.Errorf("ipn: %w", ErrSignature), pending, RspFailChecksum},
		{"another terminal", nil, ErrTerminal, pending, RspUnknownError},
		{"malformed", nil, ErrMalformed, pending, RspUnknownError},
		{"other error", nil, fmt.Errorf("boom"), pending, RspUnknownError},
		{"no result, no error", nil, nil, pending, RspUnknownError},
		{"order not found", paid, nil, OrderState{}, RspOrderNotFound},
		{"amount differs", paid, nil, OrderState{Found: true, Amount: 20_000}, RspInvalidAmount},
		{"already confirmed", paid, nil, OrderState{Found: true, Amount: 50_000, Confirmed: true}, RspAlreadyConfirmed},
		// The protocol's order: checksum before order, order before amount,
		// amount before already confirmed.
		{"checksum before order", nil, ErrSignature, OrderState{}, RspFailChecksum},
		{"order before amount", paid, nil, OrderState{Found: false, Amount: 1, Confirmed: true}, RspOrderNotFound},
		{"amount before confirmed", paid, nil, OrderState{Found: true, Amount: 1, Confirmed: true}, RspInvalidAmount},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := DecideIPN(tc.res, tc.err, tc.order)
			if got.RspCode != tc.want || got != NewIPNReply(tc.want) {
				t.Errorf("DecideIPN = %+v, want %+v", got, NewIPNReply(tc.want))
			}
			if got.OK() != (tc.want == RspConfirmSuccess) {
				t.Errorf("OK() = %v", got.OK())
			}
		})
	}
}

func TestIPNReplies(t *testing.T) {
	for _, tc := range []struct{ code, json string }{
		{"00", `{"RspCode":"00","Message":"Confirm Success"}`},
		{"01", `{"RspCode":"01","Message":"Order not found"}`},
		{"02", `{"RspCode":"02","Message":"Order already confirmed"}`},
		{"04", `{"RspCode":"04","Message":"Invalid amount"}`},
		{"97", `{"RspCode":"97","Message":"Fail checksum"}`},
		{"99", `{"RspCode":"99","Message":"Unknown error"}`},
		{"03", `{"RspCode":"99","Message":"Unknown error"}`},
	} {
		b, err := json.Marshal(NewIPNReply(tc.code))
		if err != nil || string(b) != tc.json {
			t.Errorf("reply %s = %s, %v; want %s", tc.code, b, err, tc.json)
		}
	}
}

// The IPN path end to end: a sandbox callback, verified and decided.
func TestIPNFlow(t *testing.T) {
	s := testSandbox(t)
	o := testOrder()
	q := callback(t, s, s, o, "00", created.Add(time.Minute))
	res, err := s.Verify(q)
	if got := DecideIPN(res, err, OrderState{Found: true, Amount: o.Amount}); !got.OK() {
		t.Fatalf("first IPN: %+v (%v)", got, err)
	}
	if got := DecideIPN(res, err, OrderState{Found: true, Amount: o.Amount, Confirmed: true}); got.RspCode != RspAlreadyConfirmed {
		t.Errorf("repeated IPN: %+v", got)
	}
	q.Set("vnp_Amount", "100")
	res, err = s.Verify(q)
	if got := DecideIPN(res, err, OrderState{Found: true, Amount: o.Amount}); got.RspCode != RspFailChecksum {
		t.Errorf("forged IPN: %+v", got)
	}
}
