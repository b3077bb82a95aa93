package payment_test

import (
	"fmt"
	"net/url"
	"time"

	"github.com/hpdoet/cchc/payment"
)

// The whole exchange with the sandbox bank: the redirect, the bank's answer,
// and the IPN decision that storage makes inside its transaction.
func Example() {
	bank, err := payment.NewSandbox(payment.SandboxConfig{Secret: "demo secret"})
	if err != nil {
		panic(err)
	}
	created := time.Date(2026, 2, 13, 15, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	order := payment.Order{
		Ref:       payment.NewRef("000.00.31.H26-260213-0042", 1),
		Amount:    50_000,
		Info:      "Lệ phí cấp bản sao văn bằng",
		ReturnURL: "/thanh-toan/ve",
		IPAddr:    "203.113.135.10",
		CreatedAt: created,
		ExpireAt:  created.Add(15 * time.Minute),
	}
	pay, err := bank.PayURL(order) // redirect the browser here
	if err != nil {
		panic(err)
	}

	// The bank page: the citizen pays.
	u, _ := url.Parse(pay)
	cb, err := bank.Complete(u.Query(), payment.CodeSuccess, created.Add(2*time.Minute))
	if err != nil {
		panic(err)
	}

	// The IPN handler: verify, find the attempt, decide, record if OK.
	res, err := bank.Verify(cb)
	reply := payment.DecideIPN(res, err, payment.OrderState{Found: true, Amount: 50_000})
	fmt.Println(res.Ref, res.Amount, res.Success, payment.ResponseMessage(res.ResponseCode))
	fmt.Printf("%+v\n", reply)
	// Output:
	// 000.00.31.H26-260213-0042-1 50000 true Giao dịch thành công.
	// {RspCode:00 Message:Confirm Success}
}
