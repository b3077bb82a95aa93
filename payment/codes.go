package payment

// Response codes (vnp_ResponseCode) the package names. ResponseMessage knows
// more.
const (
	CodeSuccess   = "00" // giao dịch thành công
	CodeSuspected = "07" // debited, but suspected of fraud
	CodeTimeout   = "11" // the payment window expired
	CodeCancelled = "24" // the payer cancelled
	CodeNoFunds   = "51" // insufficient balance
	CodeOther     = "99" // other errors
)

// StatusSuccess is the vnp_TransactionStatus of a completed transaction.
const StatusSuccess = "00"

// ResponseMessage returns the Vietnamese message to show the payer for a
// vnp_ResponseCode. The codes and their meanings are those of VNPAY's error
// table as read through its client libraries (docs/payments.md); an unknown
// code gets a generic message naming the code.
func ResponseMessage(code string) string {
	switch code {
	case "00":
		return "Giao dịch thành công."
	case "01": // client map only (M)
		return "Giao dịch đã tồn tại."
	case "02": // client map only (M)
		return "Mã đơn vị chấp nhận thanh toán không hợp lệ."
	case "03": // client map only (M)
		return "Dữ liệu gửi sang cổng thanh toán không đúng định dạng."
	case "04": // client map only (M)
		return "Khởi tạo giao dịch không thành công do website đang bị tạm khóa."
	case "05": // client map only (M)
		return "Giao dịch không thành công do quý khách nhập sai mật khẩu quá số lần quy định."
	case "06": // client map only (M)
		return "Giao dịch không thành công do quý khách nhập sai mật khẩu xác thực giao dịch (OTP)."
	case "07":
		return "Trừ tiền thành công nhưng giao dịch bị nghi ngờ (liên quan tới lừa đảo, giao dịch bất thường); giao dịch đang được kiểm tra."
	case "08": // client map only (M)
		return "Giao dịch không thành công do hệ thống ngân hàng đang bảo trì."
	case "09":
		return "Giao dịch không thành công do thẻ/tài khoản chưa đăng ký dịch vụ Internet Banking tại ngân hàng."
	case "10":
		return "Giao dịch không thành công do xác thực thông tin thẻ/tài khoản không đúng quá 3 lần."
	case "11":
		return "Giao dịch không thành công do đã hết hạn chờ thanh toán. Xin vui lòng thực hiện lại giao dịch."
	case "12": // recalled, not seen in any source read: unconfirmed (L)
		return "Giao dịch không thành công do thẻ/tài khoản bị khóa."
	case "13": // recalled, not in the domain file: unconfirmed (L)
		return "Giao dịch không thành công do nhập sai mật khẩu xác thực giao dịch (OTP)."
	case "24":
		return "Giao dịch không thành công do quý khách đã hủy giao dịch."
	case "51":
		return "Giao dịch không thành công do tài khoản không đủ số dư để thực hiện giao dịch."
	case "65":
		return "Giao dịch không thành công do tài khoản đã vượt quá hạn mức giao dịch trong ngày."
	case "75":
		return "Ngân hàng thanh toán đang bảo trì."
	case "79": // recalled, not seen in any source read: unconfirmed (L)
		return "Giao dịch không thành công do nhập sai mật khẩu thanh toán quá số lần quy định."
	case "99":
		return "Giao dịch không thành công (lỗi khác)."
	}
	return "Giao dịch không thành công (mã lỗi " + clipCode(code) + ")."
}

// knownCode reports whether ResponseMessage has a message of its own for code.
func knownCode(code string) bool {
	switch code {
	case "00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13",
		"24", "51", "65", "75", "79", "99":
		return true
	}
	return false
}

// clipCode keeps an untrusted code short and printable for a message.
func clipCode(code string) string {
	b := make([]byte, 0, 4)
	for i := 0; i < len(code) && len(b) < 4; i++ {
		if c := code[i]; c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' {
			b = append(b, c)
		}
	}
	if len(b) == 0 {
		return "?"
	}
	return string(b)
}
