package dossier

// State is where a dossier stands in the one-stop lifecycle.
type State string

// The states. None is the state of a dossier that is not recorded yet: the
// only actions from it are submit and receive, which create the dossier.
const (
	None                State = ""                     // chưa tạo
	Submitted           State = "submitted"            // mới đăng ký: nộp trực tuyến, chưa được kiểm tra
	Received            State = "received"             // đã tiếp nhận: có ngày hẹn trả, chưa phân công
	SupplementRequested State = "supplement_requested" // yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)
	Refused             State = "refused"              // từ chối tiếp nhận (Mẫu 03) / không giải quyết
	Processing          State = "processing"           // đang xử lý, ở một bước của quy trình nội bộ
	Approved            State = "approved"             // lãnh đạo đã duyệt: đã xử lý xong, chờ cấp kết quả
	ResultIssued        State = "result_issued"        // đã có kết quả (mã kết quả điện tử)
	Returned            State = "returned"             // đã trả kết quả
	Withdrawn           State = "withdrawn"            // công dân rút hồ sơ
)

// States lists every state a recorded dossier can be in, in lifecycle order.
func States() []State {
	return []State{Submitted, Received, SupplementRequested, Processing, Approved, ResultIssued, Returned, Refused, Withdrawn}
}

// Valid reports whether s is None or one of States.
func (s State) Valid() bool {
	switch s {
	case None, Submitted, Received, SupplementRequested, Refused, Processing, Approved, ResultIssued, Returned, Withdrawn:
		return true
	}
	return false
}

// Terminal reports whether nothing more can happen to a dossier in state s.
func (s State) Terminal() bool { return s == Refused || s == Returned || s == Withdrawn }

// Name is the Vietnamese name of the state, as the UI and the forms show it.
func (s State) Name() string {
	switch s {
	case None:
		return "Chưa tạo"
	case Submitted:
		return "Mới đăng ký"
	case Received:
		return "Đã tiếp nhận"
	case SupplementRequested:
		return "Yêu cầu bổ sung hồ sơ"
	case Refused:
		return "Từ chối tiếp nhận, giải quyết"
	case Processing:
		return "Đang xử lý"
	case Approved:
		return "Đã xử lý xong, chờ cấp kết quả"
	case ResultIssued:
		return "Đã có kết quả"
	case Returned:
		return "Đã trả kết quả"
	case Withdrawn:
		return "Công dân đã rút hồ sơ"
	}
	return string(s)
}

// DVCQG returns the TrangThaiHoSo number the state is synchronised with on
// the national portal (one-stop-process.md §5), or 0 for None. A refused
// dossier is 3 (không được tiếp nhận); Dossier.DVCQGStatus tells it apart from
// one stopped after receipt (8, dừng xử lý). Status 6 (yêu cầu thực hiện
// nghĩa vụ tài chính) belongs to a payment state not modelled yet.
func (s State) DVCQG() int {
	switch s {
	case Submitted:
		return 1
	case Received:
		return 2
	case Refused:
		return 3
	case Processing:
		return 4
	case SupplementRequested:
		return 5
	case Withdrawn:
		return 7
	case Approved, ResultIssued:
		return 9
	case Returned:
		return 10
	}
	return 0
}

// clockRunning reports whether the dossier's processing time runs in state s:
// from receipt to approval, except while the applicant is asked to supplement.
func clockRunning(s State) bool { return s == Received || s == Processing }

// Channel is how the dossier reached the agency (KenhThucHien on DVCQG).
type Channel string

// The channels.
const (
	Counter Channel = "counter" // trực tiếp tại Bộ phận Một cửa
	Online  Channel = "online"  // trực tuyến
	Post    Channel = "post"    // bưu chính công ích
)

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return c == Counter || c == Online || c == Post }

// Name is the Vietnamese name of the channel.
func (c Channel) Name() string {
	switch c {
	case Counter:
		return "Trực tiếp"
	case Online:
		return "Trực tuyến"
	case Post:
		return "Qua dịch vụ bưu chính công ích"
	}
	return string(c)
}

// DVCQG returns the KenhThucHien number of the channel: 1 trực tiếp,
// 2 trực tuyến, 3 bưu chính công ích (one-stop-process.md §6).
func (c Channel) DVCQG() int {
	switch c {
	case Online:
		return 2
	case Post:
		return 3
	}
	return 1
}
