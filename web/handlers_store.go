package web

import (
	"net/http"
	"strconv"

	"github.com/hpdoet/cchc"
	"github.com/hpdoet/cchc/blob"
	"github.com/hpdoet/cchc/sqldb"
)

type storeData struct {
	Docs []sqldb.StoredDocument
}

// storePage shows the citizen's own data store; nobody else's is reachable.
func (s *Server) storePage(w http.ResponseWriter, r *http.Request) error {
	docs, err := s.db.MyDocuments(r.Context())
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "store", &storeData{Docs: docs})
	return nil
}

func (s *Server) storeDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := s.db.DeleteStoredDocument(r.Context(), id); err != nil {
		return err
	}
	http.Redirect(w, r, "/kho-du-lieu?ok=deleted", http.StatusSeeOther)
	return nil
}

func (s *Server) storeFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	docs, err := s.db.MyDocuments(r.Context())
	if err != nil {
		return err
	}
	for _, d := range docs {
		if d.ID == id {
			return s.serveBlob(w, r, d.SHA256, d.Title+blob.ExtensionOf(d.ContentType), d.ContentType, d.CreatedAt)
		}
	}
	return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giấy tờ trong kho dữ liệu của bạn.")
}

func (s *Server) apiStore(w http.ResponseWriter, r *http.Request) error {
	docs, err := s.db.MyDocuments(r.Context())
	if err != nil {
		return err
	}
	if docs == nil {
		docs = []sqldb.StoredDocument{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"documents": docs})
	return nil
}

func (s *Server) apiStoreDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return cchc.Errorf(cchc.ENOTFOUND, "Không tìm thấy giấy tờ.")
	}
	if err := s.db.DeleteStoredDocument(r.Context(), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
