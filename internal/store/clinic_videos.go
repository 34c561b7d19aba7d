package store

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// ValidateClinicVideo checks a video address for an exercise: a web page
// (http or https) with a host, on one line. Anything else (a file path,
// "javascript:", a bare word) would print a QR code a patient's phone
// cannot open, so it is refused with a message saying what to type.
func ValidateClinicVideo(exerciseID, address string) error {
	var fs FieldErrors
	checkLine(&fs, "Exercise", "The exercise ID", exerciseID, MaxRefLen)
	if strings.TrimSpace(exerciseID) == "" {
		fs = append(fs, FieldError{Field: "Exercise", Message: "Choose the exercise the video is for."})
	}
	checkLine(&fs, "Video", "The video address", address, MaxContactLen)
	if len(fs) == 0 {
		u, err := url.Parse(address)
		scheme := ""
		if err == nil {
			scheme = strings.ToLower(u.Scheme)
		}
		switch {
		case err != nil || (scheme != "http" && scheme != "https"):
			fs = append(fs, FieldError{Field: "Video", Message: "The video address must be a web address starting with https:// or http://, e.g. https://videos.example.com/chin-tuck."})
		case u.Host == "" || strings.ContainsAny(address, " \u00a0"):
			fs = append(fs, FieldError{Field: "Video", Message: fmt.Sprintf("The video address needs a site name after %s://, and no spaces, e.g. https://videos.example.com/chin-tuck.", scheme)})
		}
	}
	return invalid(fs)
}

// ClinicVideos returns the clinic's video addresses by exercise ID; nil
// when none are set (so settings saved before compare equal).
func (db *DB) ClinicVideos(ctx context.Context) (map[string]string, error) {
	rows, err := db.r.QueryContext(ctx, "SELECT exercise_id, url FROM clinic_videos ORDER BY exercise_id")
	if err != nil {
		return nil, dbError("read the clinic's exercise videos", err)
	}
	defer rows.Close()
	var out map[string]string
	for rows.Next() {
		var id, u string
		if err := rows.Scan(&id, &u); err != nil {
			return nil, dbError("read the clinic's exercise videos", err)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[id] = u
	}
	if err := rows.Err(); err != nil {
		return nil, dbError("read the clinic's exercise videos", err)
	}
	return out, nil
}

// SaveClinicVideo sets the video address printed for an exercise, or
// removes it when address is empty.
func (db *DB) SaveClinicVideo(ctx context.Context, exerciseID, address string) error {
	address = strings.TrimSpace(address)
	if address != "" {
		if err := ValidateClinicVideo(exerciseID, address); err != nil {
			return err
		}
	}
	tx, err := db.begin(ctx, "save the exercise video")
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if address == "" {
		_, err = tx.ExecContext(ctx, "DELETE FROM clinic_videos WHERE exercise_id = ?", exerciseID)
	} else {
		_, err = tx.ExecContext(ctx, `INSERT INTO clinic_videos (exercise_id, url, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (exercise_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`,
			exerciseID, address, db.now().UTC().Format(timeLayout))
	}
	if err != nil {
		return dbError("save the exercise video", err)
	}
	if err := db.notify(ctx, tx, ChangeClinic, 0, 0); err != nil {
		return dbError("save the exercise video", err)
	}
	return dbError("save the exercise video", tx.Commit())
}
