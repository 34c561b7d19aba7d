package store

import (
	"context"
	"fmt"

	"chairside/internal/handout"
)

// Clinic returns the clinic settings; before they are first saved, empty
// fields and Letter paper.
func (db *DB) Clinic(ctx context.Context) (handout.Clinic, error) {
	c := handout.Clinic{Paper: handout.Letter}
	var paper string
	err := db.r.QueryRowContext(ctx, "SELECT name, address, phone, website, clinician, logo, paper FROM clinic WHERE id = 1").
		Scan(&c.Name, &c.Address, &c.Phone, &c.Website, &c.Clinician, &c.Logo, &paper)
	if isNoRows(err) {
		c.Videos, err = db.ClinicVideos(ctx)
		return c, err
	}
	if err != nil {
		return c, dbError("read the clinic settings", err)
	}
	c.Paper = handout.Paper(paper)
	if c.Videos, err = db.ClinicVideos(ctx); err != nil {
		return c, err
	}
	return c, nil
}

// ValidateClinic reports every problem with the clinic settings as
// FieldErrors inside an EINVALID *Error.
func ValidateClinic(c handout.Clinic) error {
	var fs FieldErrors
	checkLine(&fs, "Name", "The clinic name", c.Name, MaxNameLen)
	checkText(&fs, "Address", "The address", c.Address, MaxContactLen)
	checkLine(&fs, "Phone", "The phone number", c.Phone, MaxNameLen)
	checkLine(&fs, "Website", "The website", c.Website, MaxContactLen)
	checkLine(&fs, "Clinician", "The clinician's name", c.Clinician, MaxNameLen)
	if len(c.Logo) > 0 {
		if err := handout.CheckLogo(c.Logo); err != nil {
			fs = append(fs, FieldError{Field: "Logo", Message: "The logo cannot be used: " + err.Error() + "."})
		}
	}
	if c.Paper != "" && c.Paper != handout.Letter && c.Paper != handout.A4 {
		fs = append(fs, FieldError{Field: "Paper", Message: fmt.Sprintf("The paper size must be %q or %q.", handout.Letter, handout.A4)})
	}
	return invalid(fs)
}

// SaveClinic stores the clinic settings.
func (db *DB) SaveClinic(ctx context.Context, c handout.Clinic) error {
	if err := ValidateClinic(c); err != nil {
		return err
	}
	if c.Paper == "" {
		c.Paper = handout.Letter
	}
	tx, err := db.begin(ctx, "save the clinic settings")
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var logo any
	if len(c.Logo) > 0 {
		logo = c.Logo
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO clinic (id, name, address, phone, website, clinician, logo, paper, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, address = excluded.address, phone = excluded.phone,
			website = excluded.website, clinician = excluded.clinician, logo = excluded.logo, paper = excluded.paper,
			updated_at = excluded.updated_at`,
		c.Name, c.Address, c.Phone, c.Website, c.Clinician, logo, string(c.Paper), db.now().UTC().Format(timeLayout)); err != nil {
		return dbError("save the clinic settings", err)
	}
	if err := db.notify(ctx, tx, ChangeClinic, 0, 0); err != nil {
		return dbError("save the clinic settings", err)
	}
	return dbError("save the clinic settings", tx.Commit())
}
