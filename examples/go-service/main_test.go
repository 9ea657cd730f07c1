package main

import (
	"bytes"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestProbe(t *testing.T) {
	healthy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"status":"ok"}`)
	}))
	defer healthy.Close()
	failing := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusServiceUnavailable)
	}))
	defer failing.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := map[string]struct {
		url  string
		want int
	}{
		"healthy":     {healthy.URL + "/healthz", 0},
		"unhealthy":   {failing.URL + "/healthz", 1},
		"not running": {closed.URL + "/healthz", 1},
	}
	for name, tt := range tests {
		if got := probe(tt.url); got != tt.want {
			t.Errorf("%s: probe() = %d, want %d", name, got, tt.want)
		}
	}
}

func TestLogRequests(t *testing.T) {
	var buf bytes.Buffer
	logger := log.New(&buf, "", 0)
	h := logRequests(logger, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusTeapot)
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/brew", nil))
	if line := buf.String(); !strings.HasPrefix(line, "GET /brew 418 ") {
		t.Errorf("log line = %q", line)
	}
}
