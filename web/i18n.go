package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
)

//go:embed i18n/*.json
var i18nFS embed.FS

// Languages of the UI; the first is the default.
var languages = []string{"vi", "en"}

// catalog holds the UI strings of each language. Domain messages (errors,
// the plan's text) stay Vietnamese, the language of the law they follow.
type catalog struct {
	msgs map[string]map[string]string
}

func loadCatalog() (*catalog, error) {
	c := &catalog{msgs: map[string]map[string]string{}}
	for _, lang := range languages {
		b, err := i18nFS.ReadFile("i18n/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("read catalog %s: %w", lang, err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("parse catalog %s: %w", lang, err)
		}
		c.msgs[lang] = m
	}
	for key := range c.msgs["vi"] {
		if _, ok := c.msgs["en"][key]; !ok {
			return nil, fmt.Errorf("catalog en lacks key %q", key)
		}
	}
	for key := range c.msgs["en"] {
		if _, ok := c.msgs["vi"][key]; !ok {
			return nil, fmt.Errorf("catalog vi lacks key %q", key)
		}
	}
	return c, nil
}

// T returns the message of key in lang, formatted with args; an unknown key
// shows itself, so a missing string is visible rather than blank.
func (c *catalog) T(lang, key string, args ...any) string {
	m, ok := c.msgs[lang][key]
	if !ok {
		m, ok = c.msgs["vi"][key]
	}
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

func language(r *http.Request) string {
	if c, err := r.Cookie(langCookie); err == nil {
		for _, l := range languages {
			if c.Value == l {
				return l
			}
		}
	}
	return languages[0]
}
