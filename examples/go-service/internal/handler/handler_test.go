package handler

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(NewStore(), "test"))
	t.Cleanup(srv.Close)
	return srv
}

func do(t *testing.T, method, url, contentType, body string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	client := &http.Client{
		// Return redirects to the test instead of following them.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func decode(t *testing.T, resp *http.Response, dst any) {
	t.Helper()
	if err := json.NewDecoder(resp.Body).Decode(dst); err != nil {
		t.Fatalf("decoding response: %v", err)
	}
}

type errorBody struct {
	Error struct {
		Code    string        `json:"code"`
		Details []fieldDetail `json:"details"`
	} `json:"error"`
}

func TestHealthz(t *testing.T) {
	srv := newTestServer(t)
	resp := do(t, http.MethodGet, srv.URL+"/healthz", "", "")
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	var body map[string]string
	decode(t, resp, &body)
	if body["status"] != "ok" || body["version"] != "test" {
		t.Errorf("body = %v", body)
	}
}

func TestCreateGetAndRedirect(t *testing.T) {
	srv := newTestServer(t)
	resp := do(t, http.MethodPost, srv.URL+"/api/links", "application/json",
		`{"url": " https://example.com/docs?page=1 ", "code": "docs"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("create status = %d, want 201", resp.StatusCode)
	}
	if loc := resp.Header.Get("Location"); loc != "/api/links/docs" {
		t.Errorf("Location = %q", loc)
	}
	var created Link
	decode(t, resp, &created)
	if created.Code != "docs" || created.URL != "https://example.com/docs?page=1" {
		t.Errorf("created = %+v", created)
	}

	redirect := do(t, http.MethodGet, srv.URL+"/r/docs", "", "")
	if redirect.StatusCode != http.StatusFound {
		t.Fatalf("redirect status = %d, want 302", redirect.StatusCode)
	}
	if loc := redirect.Header.Get("Location"); loc != "https://example.com/docs?page=1" {
		t.Errorf("redirect Location = %q", loc)
	}

	var fetched Link
	decode(t, do(t, http.MethodGet, srv.URL+"/api/links/docs", "", ""), &fetched)
	if fetched.Hits != 1 {
		t.Errorf("hits = %d, want 1", fetched.Hits)
	}

	var list struct{ Links []Link }
	decode(t, do(t, http.MethodGet, srv.URL+"/api/links", "", ""), &list)
	if len(list.Links) != 1 || list.Links[0].Code != "docs" {
		t.Errorf("list = %+v", list)
	}
}

func TestCreateGeneratesCode(t *testing.T) {
	srv := newTestServer(t)
	resp := do(t, http.MethodPost, srv.URL+"/api/links", "application/json; charset=utf-8",
		`{"url": "http://example.org"}`)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("status = %d, want 201", resp.StatusCode)
	}
	var link Link
	decode(t, resp, &link)
	if !codePattern.MatchString(link.Code) || len(link.Code) != 7 {
		t.Errorf("generated code %q", link.Code)
	}
}

func TestCreateRejectsBadInput(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		status      int
		code        string
		fields      []string
	}{
		{"missing url", "application/json", `{}`, 400, "validation_failed", []string{"url"}},
		{"relative url", "application/json", `{"url": "/docs"}`, 400, "validation_failed", []string{"url"}},
		{"ftp url", "application/json", `{"url": "ftp://example.com/f"}`, 400, "validation_failed", []string{"url"}},
		{"bad url and code", "application/json", `{"url": "nope", "code": "a b"}`, 400, "validation_failed", []string{"url", "code"}},
		{"url too long", "application/json", `{"url": "https://example.com/` + strings.Repeat("a", MaxURLLength) + `"}`, 400, "validation_failed", []string{"url"}},
		{"unknown field", "application/json", `{"url": "https://example.com", "ttl": 5}`, 400, "validation_failed", nil},
		{"wrong type", "application/json", `{"url": 5}`, 400, "validation_failed", nil},
		{"not an object", "application/json", `["https://example.com"]`, 400, "validation_failed", nil},
		{"malformed json", "application/json", `{"url": "https://exa`, 400, "invalid_json", nil},
		{"empty body", "application/json", ``, 400, "invalid_json", nil},
		{"two values", "application/json", `{"url": "https://example.com"} {}`, 400, "invalid_json", nil},
		{"wrong content type", "text/plain", `{"url": "https://example.com"}`, 415, "unsupported_media_type", nil},
		{"too large", "application/json", `{"url": "` + strings.Repeat("a", MaxBodyBytes) + `"}`, 413, "payload_too_large", nil},
	}
	srv := newTestServer(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := do(t, http.MethodPost, srv.URL+"/api/links", tt.contentType, tt.body)
			if resp.StatusCode != tt.status {
				t.Fatalf("status = %d, want %d", resp.StatusCode, tt.status)
			}
			var body errorBody
			decode(t, resp, &body)
			if body.Error.Code != tt.code {
				t.Errorf("error code = %q, want %q", body.Error.Code, tt.code)
			}
			if tt.fields != nil {
				var got []string
				for _, d := range body.Error.Details {
					got = append(got, d.Field)
				}
				if strings.Join(got, ",") != strings.Join(tt.fields, ",") {
					t.Errorf("fields = %v, want %v", got, tt.fields)
				}
			}
		})
	}
}

func TestCreateRejectsDuplicateCode(t *testing.T) {
	srv := newTestServer(t)
	body := `{"url": "https://example.com", "code": "home"}`
	if resp := do(t, http.MethodPost, srv.URL+"/api/links", "application/json", body); resp.StatusCode != 201 {
		t.Fatalf("first create status = %d", resp.StatusCode)
	}
	resp := do(t, http.MethodPost, srv.URL+"/api/links", "application/json", body)
	if resp.StatusCode != http.StatusConflict {
		t.Fatalf("status = %d, want 409", resp.StatusCode)
	}
	var eb errorBody
	decode(t, resp, &eb)
	if eb.Error.Code != "code_taken" {
		t.Errorf("error code = %q", eb.Error.Code)
	}
}

func TestDelete(t *testing.T) {
	srv := newTestServer(t)
	do(t, http.MethodPost, srv.URL+"/api/links", "application/json", `{"url": "https://example.com", "code": "gone"}`)
	if resp := do(t, http.MethodDelete, srv.URL+"/api/links/gone", "", ""); resp.StatusCode != http.StatusNoContent {
		t.Fatalf("delete status = %d, want 204", resp.StatusCode)
	}
	for _, path := range []string{"/api/links/gone", "/r/gone"} {
		if resp := do(t, http.MethodGet, srv.URL+path, "", ""); resp.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s status = %d, want 404", path, resp.StatusCode)
		}
	}
}

func TestRoutingErrors(t *testing.T) {
	srv := newTestServer(t)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{http.MethodGet, "/nope", 404, ""},
		{http.MethodGet, "/api/links/x", 404, ""},
		{http.MethodPut, "/api/links", 405, "GET, POST"},
		{http.MethodPost, "/healthz", 405, "GET, HEAD"},
		{http.MethodPatch, "/api/links/abcd", 405, "GET, DELETE"},
	}
	for _, tt := range tests {
		resp := do(t, tt.method, srv.URL+tt.path, "", "")
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s status = %d, want %d", tt.method, tt.path, resp.StatusCode, tt.status)
		}
		if got := resp.Header.Get("Allow"); got != tt.allow {
			t.Errorf("%s %s Allow = %q, want %q", tt.method, tt.path, got, tt.allow)
		}
	}
}
