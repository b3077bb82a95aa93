package web

import (
	"net/http"
	"strings"

	"github.com/hpdoet/cchc"
)

// access is the coarse permission a route needs. Storage checks the finer
// rules (a unit's own tasks, a user's own account) on every call.
type access int

const (
	public   access = iota // anyone, signed in or not
	signedIn               // any active account
	official               // an active civil servant of a unit
	office                 // the Văn phòng Sở (assigns tasks, reviews evidence)
	admin                  // the system administrator
	auditor                // who may read the audit log (admin, director)
	citizen                // a citizen or business account
	allUnits               // who sees every unit's work: the Office, the leaders, admins
)

func (a access) allows(u *cchc.User) bool {
	switch a {
	case public:
		return true
	case signedIn:
		return u != nil && u.Active
	case official:
		return u.IsOfficial()
	case office:
		return u.IsOfficial() && u.Role == cchc.RoleOffice
	case admin:
		return u.CanManageAccounts()
	case auditor:
		return u.CanReadAudit()
	case citizen:
		return u != nil && u.Active && u.Role == cchc.RoleCitizen
	case allUnits:
		return u.SeesAllUnits()
	}
	return false
}

type route struct {
	pattern string
	access  access
	handle  func(w http.ResponseWriter, r *http.Request) error
}

// routes is every route of the server, with the permission it needs.
func (s *Server) routes() []route {
	return []route{
		// Pages.
		{"GET /{$}", public, s.home},
		{"GET /dang-nhap", public, s.loginPage},
		{"POST /dang-nhap", public, s.login},
		{"POST /dang-xuat", signedIn, s.logout},
		{"GET /dang-ky", public, s.signupPage},
		{"POST /dang-ky", public, s.signup},
		{"GET /ngon-ngu/{lang}", public, s.setLanguage},
		{"GET /tai-khoan", signedIn, s.accountPage},
		{"POST /tai-khoan/mat-khau", signedIn, s.changePassword},
		{"GET /ke-hoach", public, s.planPage},
		{"GET /ke-hoach/chi-tieu", public, s.indicatorsPage},
		{"GET /ke-hoach/chi-tieu/{code}", public, s.indicatorPage},
		{"POST /ke-hoach/chi-tieu/{code}/nhap", allUnits, s.addEntry},
		{"GET /ke-hoach/chi-tieu/minh-chung/{id}", official, s.entryEvidence},
		{"GET /chi-so-766", public, s.serviceIndexPage},
		{"GET /so-lieu/ho-so", official, s.drillPage},
		{"GET /bao-cao", allUnits, s.reportsPage},
		{"POST /bao-cao", allUnits, s.createReport},
		{"GET /bao-cao/{id}", allUnits, s.reportPage},
		{"POST /bao-cao/{id}/noi-dung", allUnits, s.saveReportNarrative},
		{"POST /bao-cao/{id}/ban-hanh", allUnits, s.issueReportForm},
		{"GET /bao-cao/{id}/tep/{format}", allUnits, s.reportFileHandler},
		{"GET /quan-tri/ky-so-lieu", allUnits, s.periodsPage},
		{"POST /quan-tri/ky-so-lieu/khoa", allUnits, s.closePeriod},
		{"POST /quan-tri/ky-so-lieu/mo", admin, s.reopenPeriod},
		{"GET /ke-hoach/phu-luc.xlsx", public, s.appendixXLSX},
		{"GET /nhiem-vu", official, s.tasksPage},
		{"GET /nhiem-vu/{code}", official, s.taskPage},
		{"GET /nhiem-vu/{code}/phan-cong", office, s.assignPage},
		{"POST /nhiem-vu/{code}/phan-cong", office, s.assign},
		{"POST /nhiem-vu/{code}/tien-do", official, s.addProgress},
		{"POST /nhiem-vu/{code}/minh-chung", official, s.addEvidence},
		{"POST /minh-chung/{id}/xem-xet", office, s.reviewEvidence},
		{"GET /minh-chung/{id}/tep", official, s.evidenceFile},
		{"GET /thu-tuc", public, s.proceduresPage},
		{"GET /thu-tuc/{code}", public, s.procedurePage},
		{"GET /quan-tri/thu-tuc/{code}", admin, s.procedureEditPage},
		{"POST /quan-tri/thu-tuc/{code}", admin, s.procedureSave},
		{"GET /thu-tuc/{code}/nop", signedIn, s.submitPage},
		{"POST /thu-tuc/{code}/nop", signedIn, s.submit},
		{"GET /ho-so", signedIn, s.dossiersPage},
		{"GET /ho-so/{code}", signedIn, s.dossierPage},
		{"POST /ho-so/{code}/hanh-dong", signedIn, s.dossierAction},
		{"GET /ho-so/{code}/tep/{id}", signedIn, s.dossierFile},
		{"GET /ho-so/{code}/giay-tiep-nhan.pdf", signedIn, s.receiptPDF},
		{"GET /ho-so/{code}/phieu-xin-loi.pdf", signedIn, s.apologyPDF},
		{"GET /ho-so/{code}/phieu-bo-sung.pdf", signedIn, s.supplementPDF},
		{"GET /ho-so/{code}/phieu-tu-choi.pdf", signedIn, s.refusalPDF},
		{"GET /ho-so/{code}/ket-qua.pdf", signedIn, s.resultPDF},
		{"POST /ho-so/{code}/danh-gia", citizen, s.rateDossier},
		{"POST /ho-so/{code}/ket-qua/{result}/thu-hoi", signedIn, s.revokeResult},
		{"POST /ho-so/{code}/thanh-toan", signedIn, s.startPayment},
		{"POST /ho-so/{code}/thu-phi", official, s.cashPayment},
		{"GET /ho-so/{code}/bien-lai/{ref}", signedIn, s.feeReceiptPDF},
		{"GET /thanh-toan/sandbox", public, s.sandboxPage},
		{"POST /thanh-toan/sandbox", public, s.sandboxPay},
		{"GET /thanh-toan/ket-qua/{provider}", public, s.paymentReturn},
		{"GET /xac-thuc", public, s.verifyPage},
		{"GET /xac-thuc/{code}", public, s.verifyPage},
		{"POST /xac-thuc/{code}", public, s.verifyUpload},
		{"GET /quan-tri/doi-soat", allUnits, s.reconciliationPage},
		{"GET /quan-tri/doi-soat.xlsx", allUnits, s.reconciliationXLSX},
		{"GET /tra-cuu", public, s.lookupPage},
		{"GET /kho-du-lieu", citizen, s.storePage},
		{"POST /kho-du-lieu/{id}/xoa", citizen, s.storeDelete},
		{"GET /kho-du-lieu/{id}/tep", citizen, s.storeFile},
		{"GET /lich", public, s.calendarPage},
		{"POST /lich/{year}/{action}", admin, s.editCalendar},
		{"GET /quan-tri/don-vi", admin, s.unitsPage},
		{"POST /quan-tri/don-vi", admin, s.createUnit},
		{"GET /quan-tri/don-vi/{id}", admin, s.unitPage},
		{"POST /quan-tri/don-vi/{id}", admin, s.updateUnit},
		{"GET /quan-tri/nguoi-dung", admin, s.usersPage},
		{"POST /quan-tri/nguoi-dung", admin, s.createUser},
		{"GET /quan-tri/nguoi-dung/{id}", admin, s.userPage},
		{"POST /quan-tri/nguoi-dung/{id}", admin, s.updateUser},
		{"POST /quan-tri/nguoi-dung/{id}/mat-khau", admin, s.resetPassword},
		{"GET /quan-tri/nhat-ky", auditor, s.auditPage},
		{"GET /healthz", public, s.health},
		{"GET /assets/{name}", public, s.asset},

		// JSON API, described in openapi.json.
		{"GET /api/v1/openapi.json", public, s.apiOpenAPI},
		{"POST /api/v1/session", public, s.apiLogin},
		{"POST /api/v1/accounts", public, s.apiSignup},
		{"DELETE /api/v1/session", signedIn, s.apiLogout},
		{"GET /api/v1/me", signedIn, s.apiMe},
		{"GET /api/v1/plan", public, s.apiPlan},
		{"GET /api/v1/plan/targets", public, s.apiTargets},
		{"GET /api/v1/indicators", public, s.apiIndicators},
		{"GET /api/v1/indicators/{code}/records", official, s.apiIndicatorRecords},
		{"POST /api/v1/indicators/{code}/entries", allUnits, s.apiAddEntry},
		{"GET /api/v1/service-index", public, s.apiServiceIndex},
		{"GET /api/v1/reports", allUnits, s.apiReports},
		{"POST /api/v1/reports", allUnits, s.apiCreateReport},
		{"GET /api/v1/reports/{id}", allUnits, s.apiReport},
		{"PUT /api/v1/reports/{id}/narrative", allUnits, s.apiReportNarrative},
		{"POST /api/v1/reports/{id}/issue", allUnits, s.apiIssueReport},
		{"GET /api/v1/reports/{id}/files/{format}", allUnits, s.reportFileHandler},
		{"POST /api/v1/periods/{period}/close", allUnits, s.apiClosePeriod},
		{"POST /api/v1/periods/{period}/reopen", admin, s.apiReopenPeriod},
		{"GET /api/v1/plan/appendix.xlsx", public, s.appendixXLSX},
		{"GET /api/v1/tasks", public, s.apiTasks},
		{"GET /api/v1/tasks/{code}", official, s.apiTask},
		{"PUT /api/v1/tasks/{code}/assignment", office, s.apiAssign},
		{"POST /api/v1/tasks/{code}/progress", official, s.apiAddProgress},
		{"POST /api/v1/tasks/{code}/evidence", official, s.apiAddEvidence},
		{"POST /api/v1/evidence/{id}/review", office, s.apiReview},
		{"GET /api/v1/evidence/{id}/file", official, s.evidenceFile},
		{"GET /api/v1/calendar/{year}", public, s.apiCalendarYear},
		{"GET /api/v1/calendar/due", public, s.apiCalendarDue},
		{"GET /api/v1/calendar/lunar", public, s.apiCalendarLunar},
		{"GET /api/v1/procedures", public, s.apiProcedures},
		{"GET /api/v1/procedures/{code}", public, s.apiProcedure},
		{"POST /api/v1/dossiers", signedIn, s.apiSubmitDossier},
		{"GET /api/v1/dossiers", signedIn, s.apiDossiers},
		{"GET /api/v1/dossiers/{code}", signedIn, s.apiDossier},
		{"POST /api/v1/dossiers/{code}/actions", signedIn, s.apiDossierAction},
		{"GET /api/v1/dossiers/{code}/status", public, s.apiDossierStatus},
		{"GET /api/v1/dossiers/{code}/result", signedIn, s.resultPDF},
		{"GET /api/v1/dossiers/{code}/results", signedIn, s.apiResults},
		{"POST /api/v1/results/{result}/revoke", signedIn, s.apiRevokeResult},
		{"GET /api/v1/verify/{code}", public, s.apiVerify},
		{"GET /api/v1/dossiers/{code}/payments", signedIn, s.apiPayments},
		{"POST /api/v1/dossiers/{code}/rating", citizen, s.apiRate},
		{"POST /api/v1/dossiers/{code}/payments", signedIn, s.apiStartPayment},
		{"GET /api/v1/payments/ipn/{provider}", public, s.ipn},
		{"GET /api/v1/payments/reconciliation", allUnits, s.apiReconciliation},
		{"GET /api/v1/payments/reconciliation.xlsx", allUnits, s.apiReconciliationXLSX},
		{"GET /api/v1/store", citizen, s.apiStore},
		{"DELETE /api/v1/store/{id}", citizen, s.apiStoreDelete},
		{"GET /api/v1/units", public, s.apiUnits},
		{"POST /api/v1/units", admin, s.apiCreateUnit},
		{"PATCH /api/v1/units/{id}", admin, s.apiUpdateUnit},
		{"GET /api/v1/users", official, s.apiUsers},
		{"POST /api/v1/users", admin, s.apiCreateUser},
		{"PATCH /api/v1/users/{id}", admin, s.apiUpdateUser},
		{"GET /api/v1/audit", auditor, s.apiAudit},
		{"GET /api/v1/audit/verify", auditor, s.apiAuditVerify},
	}
}

// register mounts every route behind its permission check and the CSRF check.
func (s *Server) register() {
	for _, rt := range s.routes() {
		s.mux.Handle(rt.pattern, s.guard(rt))
	}
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy trang bạn yêu cầu."))
	})
}

func isAPI(r *http.Request) bool { return strings.HasPrefix(r.URL.Path, "/api/") }

func (s *Server) guard(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := cchc.UserFromContext(r.Context())
		if !rt.access.allows(u) {
			if u == nil {
				s.fail(w, r, cchc.Errorf(cchc.EUNAUTHORIZED, "Vui lòng đăng nhập để tiếp tục."))
			} else {
				s.fail(w, r, cchc.Errorf(cchc.EFORBIDDEN, "Bạn không có quyền truy cập chức năng này."))
			}
			return
		}
		if r.Body != nil {
			limit := int64(1 << 20)
			if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
				// A dossier carries several papers; each is also checked alone.
				limit += 8 * s.cfg.MaxUploadSize
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		if err := s.checkCSRF(r); err != nil {
			s.fail(w, r, err)
			return
		}
		if err := rt.handle(w, r); err != nil {
			s.fail(w, r, err)
		}
	})
}
