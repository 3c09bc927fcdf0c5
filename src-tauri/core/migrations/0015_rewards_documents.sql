-- Schema 15: what the office's own papers name (issue 24, "the first day").
-- Never edit this file once released: add a later migration instead.

-- A policy version is named by its document (文件名称 and 文号, e.g. 《西南理工大学科技成果转化
-- 管理办法》 校发〔2023〕12号), as offices cite it; the effective date names it only when no
-- document is recorded.
ALTER TABLE policy ADD COLUMN document_title TEXT CHECK (document_title IS NULL OR length(document_title) BETWEEN 1 AND 200);
ALTER TABLE policy ADD COLUMN document_no TEXT CHECK (document_no IS NULL OR length(document_no) BETWEEN 1 AND 60);

-- A finding about a share states the rule's figure and the actual one (both in bp of the pool),
-- frozen with the distribution like the finding itself. NULL for findings about a person.
ALTER TABLE distribution_finding ADD COLUMN rule_bp INTEGER;
ALTER TABLE distribution_finding ADD COLUMN actual_bp INTEGER;

-- Where objections to a reward publicity go (the notice prints them): the office, its phone and
-- its e-mail.
ALTER TABLE institution ADD COLUMN contact_office TEXT CHECK (contact_office IS NULL OR length(contact_office) BETWEEN 1 AND 100);
ALTER TABLE institution ADD COLUMN contact_phone TEXT CHECK (contact_phone IS NULL OR length(contact_phone) BETWEEN 1 AND 40);
ALTER TABLE institution ADD COLUMN contact_email TEXT CHECK (contact_email IS NULL OR length(contact_email) BETWEEN 3 AND 100);
