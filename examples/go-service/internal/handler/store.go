package handler

import (
	"crypto/rand"
	"errors"
	"sort"
	"sync"
	"time"
)

// ErrCodeTaken is returned by Store.Create when the short code is in use.
var ErrCodeTaken = errors.New("code already in use")

// Link maps a short code to a target URL.
type Link struct {
	Code      string    `json:"code"`
	URL       string    `json:"url"`
	CreatedAt time.Time `json:"createdAt"`
	Hits      int64     `json:"hits"`
}

// Store is a concurrency-safe in-memory link store.
type Store struct {
	mu    sync.RWMutex
	links map[string]*Link
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{links: make(map[string]*Link)}
}

// Create stores a new link. An empty code asks for a generated one.
func (s *Store) Create(code, target string) (Link, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if code == "" {
		for {
			generated, err := randomCode(7)
			if err != nil {
				return Link{}, err
			}
			if _, taken := s.links[generated]; !taken {
				code = generated
				break
			}
		}
	} else if _, taken := s.links[code]; taken {
		return Link{}, ErrCodeTaken
	}
	link := &Link{Code: code, URL: target, CreatedAt: time.Now().UTC().Truncate(time.Second)}
	s.links[code] = link
	return *link, nil
}

// Get returns a copy of the link stored under code.
func (s *Store) Get(code string) (Link, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	link, ok := s.links[code]
	if !ok {
		return Link{}, false
	}
	return *link, true
}

// Resolve returns the target of code and counts the visit.
func (s *Store) Resolve(code string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	link, ok := s.links[code]
	if !ok {
		return "", false
	}
	link.Hits++
	return link.URL, true
}

// Delete removes code and reports whether it existed.
func (s *Store) Delete(code string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.links[code]
	delete(s.links, code)
	return ok
}

// List returns copies of all links, sorted by code.
func (s *Store) List() []Link {
	s.mu.RLock()
	defer s.mu.RUnlock()
	links := make([]Link, 0, len(s.links))
	for _, link := range s.links {
		links = append(links, *link)
	}
	sort.Slice(links, func(i, j int) bool { return links[i].Code < links[j].Code })
	return links
}

const codeAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"

// randomCode returns n characters from codeAlphabet (no look-alikes such
// as 0/O or 1/l). The modulo bias is irrelevant for short links.
func randomCode(n int) (string, error) {
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		return "", err
	}
	for i, b := range buf {
		buf[i] = codeAlphabet[int(b)%len(codeAlphabet)]
	}
	return string(buf), nil
}
