package web

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/dossier"
	"github.com/hpdoet/cchc/result"
	"github.com/hpdoet/cchc/sqldb"
)

// issueResult renders a dossier's result, signs it with the Sở's
// certificate and keeps it in the blob store; storage calls it inside the
// transaction that issues the result.
func (s *Server) issueResult(ctx context.Context, req sqldb.ResultRequest) (sqldb.IssuedFile, error) {
	rec, code, at := req.Dossier, req.Code, req.At
	c := result.Case{
		DossierCode: rec.Code(), ResultCode: code, Procedure: req.Procedure, Applicant: rec.ApplicantName, Form: rec.Form,
		ReceivedAt: rec.D.ReceivedAt, IssuedAt: at, VerifyURL: s.verifyURL(code) + "?k=" + req.Key,
	}
	// The leader who approved signs; a replacement is signed by the leader
	// who replaces.
	if me := cchc.UserFromContext(ctx); me != nil && me.Role == cchc.RoleDirector {
		c.SignerName = me.FullName
	} else if e := lastEvent(rec, dossier.Approve); e != nil {
		c.SignerName = e.ActorName
	}
	if n := len(rec.D.ResultCodes); n > 1 {
		c.Replaces = rec.D.ResultCodes[n-2]
		c.Reason = replaceReason(ctx)
	}
	doc := result.Compose(c)
	var buf bytes.Buffer
	if err := result.Render(&buf, doc); err != nil {
		return sqldb.IssuedFile{}, err
	}
	signed, err := s.cfg.Signer.Sign(buf.Bytes(), "Ban hành kết quả giải quyết thủ tục hành chính "+code, at)
	if err != nil {
		return sqldb.IssuedFile{}, err
	}
	sum, err := s.blobs.Put(signed)
	if err != nil {
		return sqldb.IssuedFile{}, fmt.Errorf("store result %s: %w", code, err)
	}
	title := "Quyết định về việc " + strings.TrimPrefix(doc.Summary, "Về việc ")
	return sqldb.IssuedFile{SHA256: sum, Size: int64(len(signed)), Title: title}, nil
}

type reasonKey struct{}

// withReplaceReason carries the reason of a replacement to issueResult.
func withReplaceReason(ctx context.Context, reason string) context.Context {
	return context.WithValue(ctx, reasonKey{}, reason)
}

func replaceReason(ctx context.Context) string {
	r, _ := ctx.Value(reasonKey{}).(string)
	return r
}

// verifyURL is the public verification page of a result: what its QR code holds.
func (s *Server) verifyURL(code string) string {
	base := s.cfg.BaseURL
	if base == "" {
		base = s.listenBase
	}
	if base == "" {
		base = "http://localhost"
	}
	return strings.TrimRight(base, "/") + "/xac-thuc/" + url.PathEscape(code)
}

// resultPDF gives the holder, or staff who may see the dossier, a result:
// the latest valid one, or ?so=n.
func (s *Server) resultPDF(w http.ResponseWriter, r *http.Request) error {
	n := 0
	if v := r.URL.Query().Get("so"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n < 1 || n > 99 {
			return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy kết quả số %s.", v)
		}
	}
	res, err := s.db.ResultFile(r.Context(), r.PathValue("code"), n)
	if err != nil {
		return err
	}
	return s.serveBlob(w, r, res.SHA256, "ket-qua-"+res.Code+".pdf", "application/pdf", res.IssuedAt)
}

// revokeResult revokes or replaces a result (Lãnh đạo Sở, admin).
func (s *Server) revokeResult(w http.ResponseWriter, r *http.Request) error {
	code, rcode := r.PathValue("code"), r.PathValue("result")
	reason := r.PostFormValue("reason")
	replace := r.PostFormValue("mode") == "replace"
	_, err := s.db.RevokeResult(withReplaceReason(r.Context(), reason), rcode, reason, replace)
	note := "result_revoked"
	if replace {
		note = "result_replaced"
	}
	return s.afterDossierForm(w, r, code, note, err)
}

// afterDossierForm ends a form posted from a dossier's page: back to the
// page with notice on success; the page again with the message when the
// input is invalid or the dossier's state does not allow it.
func (s *Server) afterDossierForm(w http.ResponseWriter, r *http.Request, code, notice string, err error) error {
	if err == nil {
		http.Redirect(w, r, "/ho-so/"+url.PathEscape(code)+"?ok="+notice, http.StatusSeeOther)
		return nil
	}
	if c := cchc.ErrorCode(err); c != cchc.EINVALID && c != cchc.ECONFLICT {
		return err
	}
	d, derr := s.dossierData(r, code)
	if derr != nil {
		return derr
	}
	d.Error, d.Fields = cchc.ErrorMessage(err), cchc.ErrorFields(err)
	s.render(w, r, http.StatusUnprocessableEntity, "dossier", s.newPage(r, d.R.Code(), d))
	return nil
}

func (s *Server) apiRevokeResult(w http.ResponseWriter, r *http.Request) error {
	var body struct {
		Reason  string `json:"reason"`
		Replace bool   `json:"replace"`
	}
	if err := decodeJSON(r, &body); err != nil {
		return err
	}
	res, err := s.db.RevokeResult(withReplaceReason(r.Context(), body.Reason), r.PathValue("result"), body.Reason, body.Replace)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) apiResults(w http.ResponseWriter, r *http.Request) error {
	list, err := s.db.DossierResults(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if list == nil {
		list = []*sqldb.Result{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"results": list})
	return nil
}

type verifyData struct {
	Code    string
	V       *sqldb.Verification
	Checked bool // a file or a hash was presented
	Error   string
	URL     string
	Key     string // the verification key from the QR code, if any
	// Signature explains an uploaded file that is not the issued one: its
	// digital signature is intact (another result, or another version) or
	// broken (changed after signing). Empty when not checked.
	Signature string
}

// verifyPage is the public verification page the QR code of a result opens.
func (s *Server) verifyPage(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.PathValue("code"))
	if code == "" {
		code = strings.TrimSpace(r.URL.Query().Get("ma"))
	}
	d := &verifyData{Code: code}
	if code == "" {
		s.render(w, r, http.StatusOK, "verify", s.newPage(r, s.i18n.T(language(r), "verify.title"), d))
		return nil
	}
	sha := r.URL.Query().Get("h")
	if sha != "" && !isSHA256(sha) {
		d.Error = "Mã băm phải gồm 64 chữ số thập lục phân (SHA-256)."
		sha = ""
	}
	d.Key = resultKey(r.URL.Query().Get("k"))
	return s.answerVerify(w, r, d, sha)
}

// maxResultFile bounds the files the verification page reads: a result is
// one or two pages with one embedded font, a few hundred kilobytes.
const maxResultFile = 4 << 20

// verifyUpload checks an uploaded PDF against the result it claims to be.
func (s *Server) verifyUpload(w http.ResponseWriter, r *http.Request) error {
	code := strings.TrimSpace(r.PathValue("code"))
	d := &verifyData{Code: code}
	f, _, err := r.FormFile("file")
	if err != nil {
		d.Error = "Vui lòng chọn tệp PDF của kết quả để kiểm tra."
		return s.answerVerify(w, r, d, "")
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxResultFile+1))
	if err != nil {
		return cchc.Errorf(cchc.EINVALID, "Không đọc được tệp tải lên.")
	}
	switch {
	case int64(len(data)) > maxResultFile:
		d.Error = fmt.Sprintf("Tệp quá lớn (tối đa %s): không phải kết quả do hệ thống ban hành.", formatBytes(maxResultFile))
		return s.answerVerify(w, r, d, "")
	case !bytes.HasPrefix(data, []byte("%PDF-")):
		d.Error = "Tệp tải lên không phải tệp PDF."
		return s.answerVerify(w, r, d, "")
	}
	sum := result.Fingerprint(data)
	if v, err := s.db.VerifyResult(r.Context(), code, sum, ""); err == nil && v.Matches != nil && !*v.Matches {
		switch sig, err := result.VerifySignature(data, s.cfg.Signer.Roots()); {
		case err == nil && sig.Valid():
			d.Signature = "Chữ ký số trên tệp còn nguyên vẹn, nhưng tệp là một văn bản khác (mã kết quả khác hoặc bản đã bị thay thế)."
		default:
			d.Signature = "Chữ ký số trên tệp không hợp lệ hoặc không đọc được: tệp đã bị sửa đổi sau khi ký, hoặc không do Sở ký."
		}
	}
	return s.answerVerify(w, r, d, sum)
}

func (s *Server) answerVerify(w http.ResponseWriter, r *http.Request, d *verifyData, sha string) error {
	v, err := s.db.VerifyResult(r.Context(), d.Code, sha, d.Key)
	if cchc.ErrorCode(err) == cchc.EINVALID {
		d.Error = cchc.ErrorMessage(err)
		s.render(w, r, http.StatusUnprocessableEntity, "verify", s.newPage(r, s.i18n.T(language(r), "verify.title"), d))
		return nil
	} else if err != nil {
		return err
	}
	d.V, d.Checked, d.URL = v, sha != "", s.verifyURL(d.Code)
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "verify", s.newPage(r, s.i18n.T(language(r), "verify.title"), d))
	return nil
}

func (s *Server) apiVerify(w http.ResponseWriter, r *http.Request) error {
	sha := r.URL.Query().Get("sha256")
	if sha != "" && !isSHA256(sha) {
		return cchc.Invalid("Mã băm không hợp lệ.", map[string]string{"sha256": "SHA-256 gồm 64 chữ số thập lục phân."})
	}
	v, err := s.db.VerifyResult(r.Context(), r.PathValue("code"), sha, resultKey(r.URL.Query().Get("k")))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// resultKey keeps a plausible verification key (base32 letters and digits,
// at most 32), else nothing: the key only ever adds what is shown.
func resultKey(k string) string {
	k = strings.ToLower(strings.TrimSpace(k))
	if len(k) == 0 || len(k) > 32 || strings.Trim(k, "abcdefghijklmnopqrstuvwxyz234567") != "" {
		return ""
	}
	return k
}

func isSHA256(s string) bool {
	b, err := hex.DecodeString(strings.TrimSpace(s))
	return err == nil && len(b) == sha256.Size
}
