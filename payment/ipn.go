package payment

import "errors"

// IPN reply codes (RspCode), as the gateway expects them.
const (
	RspConfirmSuccess   = "00" // processed
	RspOrderNotFound    = "01" // unknown vnp_TxnRef
	RspAlreadyConfirmed = "02" // a repeated IPN: the order already has its outcome
	RspInvalidAmount    = "04" // the amount differs from the order's
	RspFailChecksum     = "97" // bad vnp_SecureHash
	RspUnknownError     = "99" // anything else
)

// IPNReply is the JSON body the IPN handler answers with, e.g.
// {"RspCode":"00","Message":"Confirm Success"}.
type IPNReply struct {
	RspCode string `json:"RspCode"`
	Message string `json:"Message"`
}

// NewIPNReply returns the reply for an RspCode with the protocol's message;
// an unknown code gives the reply of RspUnknownError.
func NewIPNReply(code string) IPNReply {
	switch code {
	case RspConfirmSuccess:
		return IPNReply{code, "Confirm Success"}
	case RspOrderNotFound:
		return IPNReply{code, "Order not found"}
	case RspAlreadyConfirmed:
		return IPNReply{code, "Order already confirmed"}
	case RspInvalidAmount:
		return IPNReply{code, "Invalid amount"}
	case RspFailChecksum:
		return IPNReply{code, "Fail checksum"}
	}
	return IPNReply{RspUnknownError, "Unknown error"}
}

// OK reports whether the reply tells the caller to record the result.
func (r IPNReply) OK() bool { return r.RspCode == RspConfirmSuccess }

// OrderState is what storage knows of the order an IPN names.
type OrderState struct {
	Found     bool  // a payment attempt with vnp_TxnRef exists
	Amount    int64 // its amount in đồng
	Confirmed bool  // it already has a final outcome (paid or failed) from an earlier IPN
}

// DecideIPN returns the reply to an IPN call in the protocol's order:
// checksum → order → amount → already confirmed → confirm. res and verifyErr
// are what Verify returned; order is what storage found for res.Ref, read in
// the transaction that will record the result. Only when the reply is OK may
// storage record res (paid when res.Success, failed otherwise: a failed
// payment is confirmed too, so the gateway stops retrying).
func DecideIPN(res *Result, verifyErr error, order OrderState) IPNReply {
	switch {
	case errors.Is(verifyErr, ErrSignature):
		return NewIPNReply(RspFailChecksum)
	case verifyErr != nil || res == nil:
		return NewIPNReply(RspUnknownError)
	case !order.Found:
		return NewIPNReply(RspOrderNotFound)
	case res.Amount != order.Amount:
		return NewIPNReply(RspInvalidAmount)
	case order.Confirmed:
		return NewIPNReply(RspAlreadyConfirmed)
	}
	return NewIPNReply(RspConfirmSuccess)
}
