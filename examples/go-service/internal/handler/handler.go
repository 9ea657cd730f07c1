// Package handler implements the HTTP API of the link shortener.
package handler

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// MaxBodyBytes caps the size of a request body.
const MaxBodyBytes = 16 << 10

// MaxURLLength caps the length of a target URL.
const MaxURLLength = 2048

var codePattern = regexp.MustCompile(`^[A-Za-z0-9_-]{3,32}$`)

type apiError struct {
	status  int
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Details []fieldDetail `json:"details,omitempty"`
}

type fieldDetail struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

func (e *apiError) Error() string { return e.Message }

func newError(status int, code, format string, args ...any) *apiError {
	return &apiError{status: status, Code: code, Message: fmt.Sprintf(format, args...)}
}

type createRequest struct {
	URL  *string `json:"url"`
	Code *string `json:"code"`
}

// New returns the service's HTTP handler, backed by store.
func New(store *Store, version string) http.Handler {
	h := &api{store: store, version: version}
	mux := http.NewServeMux()
	mux.HandleFunc("/healthz", h.healthz)
	mux.HandleFunc("/api/links", h.links)
	mux.HandleFunc("/api/links/", h.link)
	mux.HandleFunc("/r/", h.redirect)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, newError(http.StatusNotFound, "not_found", "no route for %s", r.URL.Path))
	})
	return mux
}

type api struct {
	store   *Store
	version string
}

func (h *api) healthz(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": h.version})
}

func (h *api) links(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, map[string][]Link{"links": h.store.List()})
	case http.MethodPost:
		h.create(w, r)
	default:
		allowMethods(w, r, http.MethodGet, http.MethodPost)
	}
}

func (h *api) create(w http.ResponseWriter, r *http.Request) {
	var req createRequest
	if err := decodeJSON(w, r, &req); err != nil {
		writeError(w, err)
		return
	}
	target, code, err := validate(req)
	if err != nil {
		writeError(w, err)
		return
	}
	link, createErr := h.store.Create(code, target)
	if errors.Is(createErr, ErrCodeTaken) {
		writeError(w, newError(http.StatusConflict, "code_taken", "code %q is already in use", code))
		return
	}
	if createErr != nil {
		writeError(w, newError(http.StatusInternalServerError, "internal", "could not create link"))
		return
	}
	w.Header().Set("Location", "/api/links/"+link.Code)
	writeJSON(w, http.StatusCreated, link)
}

func (h *api) link(w http.ResponseWriter, r *http.Request) {
	code := strings.TrimPrefix(r.URL.Path, "/api/links/")
	if !codePattern.MatchString(code) {
		writeError(w, newError(http.StatusNotFound, "not_found", "link %q not found", code))
		return
	}
	switch r.Method {
	case http.MethodGet:
		link, ok := h.store.Get(code)
		if !ok {
			writeError(w, newError(http.StatusNotFound, "not_found", "link %q not found", code))
			return
		}
		writeJSON(w, http.StatusOK, link)
	case http.MethodDelete:
		if !h.store.Delete(code) {
			writeError(w, newError(http.StatusNotFound, "not_found", "link %q not found", code))
			return
		}
		w.WriteHeader(http.StatusNoContent)
	default:
		allowMethods(w, r, http.MethodGet, http.MethodDelete)
	}
}

func (h *api) redirect(w http.ResponseWriter, r *http.Request) {
	if !allowMethods(w, r, http.MethodGet, http.MethodHead) {
		return
	}
	code := strings.TrimPrefix(r.URL.Path, "/r/")
	target, ok := h.store.Resolve(code)
	if !ok {
		writeError(w, newError(http.StatusNotFound, "not_found", "link %q not found", code))
		return
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// validate checks a create request and returns the target URL and code
// (empty when the store should generate one).
func validate(req createRequest) (string, string, error) {
	var details []fieldDetail
	target := ""
	if req.URL == nil {
		details = append(details, fieldDetail{"url", "is required"})
	} else {
		target = strings.TrimSpace(*req.URL)
		if msg := checkURL(target); msg != "" {
			details = append(details, fieldDetail{"url", msg})
		}
	}
	code := ""
	if req.Code != nil {
		code = *req.Code
		if !codePattern.MatchString(code) {
			details = append(details, fieldDetail{"code", "must be 3-32 characters of A-Z, a-z, 0-9, '_' or '-'"})
		}
	}
	if len(details) > 0 {
		err := newError(http.StatusBadRequest, "validation_failed", "link is invalid")
		err.Details = details
		return "", "", err
	}
	return target, code, nil
}

func checkURL(raw string) string {
	if len(raw) > MaxURLLength {
		return fmt.Sprintf("must be at most %d characters", MaxURLLength)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "must be an absolute http or https URL"
	}
	return ""
}

func decodeJSON(w http.ResponseWriter, r *http.Request, dst any) error {
	mediaType, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "application/json" {
		return newError(http.StatusUnsupportedMediaType, "unsupported_media_type", "content-type must be application/json")
	}
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return newError(http.StatusRequestEntityTooLarge, "payload_too_large", "request body exceeds %d bytes", MaxBodyBytes)
		}
		var syntaxErr *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syntaxErr), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
			return newError(http.StatusBadRequest, "invalid_json", "request body is not valid JSON")
		case errors.As(err, &typeErr) && typeErr.Field == "":
			return newError(http.StatusBadRequest, "validation_failed", "request body must be a JSON object")
		case errors.As(err, &typeErr):
			return newError(http.StatusBadRequest, "validation_failed", "field %q must be a string", typeErr.Field)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.TrimPrefix(err.Error(), "json: unknown field ")
			return newError(http.StatusBadRequest, "validation_failed", "unknown field %s", field)
		default:
			return newError(http.StatusBadRequest, "invalid_json", "request body is not valid JSON")
		}
	}
	if dec.More() {
		return newError(http.StatusBadRequest, "invalid_json", "request body must be a single JSON object")
	}
	return nil
}

// allowMethods reports whether r.Method is allowed, answering 405 if not.
func allowMethods(w http.ResponseWriter, r *http.Request, methods ...string) bool {
	for _, m := range methods {
		if r.Method == m {
			return true
		}
	}
	w.Header().Set("Allow", strings.Join(methods, ", "))
	writeError(w, newError(http.StatusMethodNotAllowed, "method_not_allowed", "method %s not allowed", r.Method))
	return false
}

func writeError(w http.ResponseWriter, err error) {
	var apiErr *apiError
	if !errors.As(err, &apiErr) {
		apiErr = newError(http.StatusInternalServerError, "internal", "internal server error")
	}
	writeJSON(w, apiErr.status, map[string]*apiError{"error": apiErr})
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}
