package handler

import (
	"errors"
	"fmt"
	"sync"
	"testing"
)

func TestStoreCreateAndResolve(t *testing.T) {
	s := NewStore()
	link, err := s.Create("abc", "https://example.com")
	if err != nil {
		t.Fatal(err)
	}
	if link.Code != "abc" || link.Hits != 0 || link.CreatedAt.IsZero() {
		t.Errorf("link = %+v", link)
	}
	if _, err := s.Create("abc", "https://example.org"); !errors.Is(err, ErrCodeTaken) {
		t.Errorf("duplicate create err = %v, want ErrCodeTaken", err)
	}
	for i := 0; i < 3; i++ {
		if target, ok := s.Resolve("abc"); !ok || target != "https://example.com" {
			t.Fatalf("Resolve = %q, %v", target, ok)
		}
	}
	if got, _ := s.Get("abc"); got.Hits != 3 {
		t.Errorf("hits = %d, want 3", got.Hits)
	}
	if _, ok := s.Resolve("missing"); ok {
		t.Error("Resolve(missing) succeeded")
	}
}

func TestStoreConcurrentCreates(t *testing.T) {
	s := NewStore()
	var wg sync.WaitGroup
	for i := 0; i < 100; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			code := ""
			if i%2 == 0 {
				code = fmt.Sprintf("fixed-%d", i)
			}
			if _, err := s.Create(code, "https://example.com"); err != nil {
				t.Error(err)
			}
		}(i)
	}
	wg.Wait()
	links := s.List()
	if len(links) != 100 {
		t.Fatalf("len(List()) = %d, want 100", len(links))
	}
	for i := 1; i < len(links); i++ {
		if links[i-1].Code >= links[i].Code {
			t.Fatalf("List() not sorted at %d: %q >= %q", i, links[i-1].Code, links[i].Code)
		}
	}
}

func TestRandomCode(t *testing.T) {
	seen := make(map[string]bool)
	for i := 0; i < 200; i++ {
		code, err := randomCode(7)
		if err != nil {
			t.Fatal(err)
		}
		if !codePattern.MatchString(code) || len(code) != 7 {
			t.Fatalf("randomCode(7) = %q", code)
		}
		seen[code] = true
	}
	if len(seen) < 195 {
		t.Errorf("only %d distinct codes out of 200", len(seen))
	}
}
