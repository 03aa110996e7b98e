-- Assignment rules become Salesforce-shaped: {"items":[{"field","operation","value"}],"booleanFilter"} instead of
-- eight fixed criteria. Each old criterion turns into items on the Account field it read, so every stored rule keeps
-- matching the same accounts (postal ranges: see docs/planning.md, "Migrating from criteria"). Numbered 7_1 so it
-- orders after any V7 another branch adds.
DO $$
DECLARE
    r        record;
    c        jsonb;
    items    jsonb;
    clauses  text[];
    ranges   text[];
    n        int;
    needs_filter boolean;
    list     record;
    band     record;
    rng      jsonb;
BEGIN
    FOR r IN SELECT id, criteria::jsonb AS criteria FROM assignment_rule LOOP
        c := r.criteria;
        CONTINUE WHEN c ? 'items';
        items := '[]'::jsonb;
        clauses := '{}';
        n := 0;
        needs_filter := false;
        FOR list IN SELECT * FROM (VALUES ('countries', 'BillingCountry'), ('states', 'BillingState'),
                ('industries', 'Industry'), ('segments', 'Segment__c'), ('parentAccountIds', 'ParentId')) AS l(k, field)
        LOOP
            IF jsonb_typeof(c -> list.k) = 'array' THEN
                n := n + 1;
                items := items || jsonb_build_array(jsonb_build_object('field', list.field, 'operation', 'within',
                        'value', (SELECT string_agg(v, ';') FROM jsonb_array_elements_text(c -> list.k) AS v)));
                clauses := clauses || n::text;
            END IF;
        END LOOP;
        IF jsonb_typeof(c -> 'postalCodes') = 'array' THEN
            ranges := '{}';
            FOR rng IN SELECT value FROM jsonb_array_elements(c -> 'postalCodes') LOOP
                IF rng ->> 'to' IS NULL THEN
                    n := n + 1;
                    items := items || jsonb_build_array(jsonb_build_object('field', 'BillingPostalCode',
                            'operation', 'startsWith', 'value', rng ->> 'from'));
                    ranges := ranges || n::text;
                ELSE
                    items := items || jsonb_build_array(
                            jsonb_build_object('field', 'BillingPostalCode', 'operation', 'greaterOrEqual',
                                    'value', rng ->> 'from'),
                            jsonb_build_object('field', 'BillingPostalCode', 'operation', 'lessOrEqual',
                                    'value', rng ->> 'to'));
                    ranges := ranges || format('(%s AND %s)', n + 1, n + 2);
                    n := n + 2;
                    needs_filter := true;
                END IF;
            END LOOP;
            IF array_length(ranges, 1) > 1 THEN
                needs_filter := true;
                clauses := clauses || ('(' || array_to_string(ranges, ' OR ') || ')');
            ELSIF array_length(ranges, 1) = 1 THEN
                clauses := clauses || ranges[1];
            END IF;
        END IF;
        FOR band IN SELECT * FROM (VALUES ('employees', 'NumberOfEmployees'), ('revenue', 'AnnualRevenue'))
                AS b(k, field)
        LOOP
            IF c -> band.k -> 'min' IS NOT NULL AND jsonb_typeof(c -> band.k -> 'min') <> 'null' THEN
                n := n + 1;
                items := items || jsonb_build_array(jsonb_build_object('field', band.field,
                        'operation', 'greaterOrEqual', 'value', c -> band.k ->> 'min'));
                clauses := clauses || n::text;
            END IF;
            IF c -> band.k -> 'max' IS NOT NULL AND jsonb_typeof(c -> band.k -> 'max') <> 'null' THEN
                n := n + 1;
                items := items || jsonb_build_array(jsonb_build_object('field', band.field,
                        'operation', 'lessOrEqual', 'value', c -> band.k ->> 'max'));
                clauses := clauses || n::text;
            END IF;
        END LOOP;
        UPDATE assignment_rule SET criteria = (CASE WHEN needs_filter
                THEN jsonb_build_object('items', items, 'booleanFilter', array_to_string(clauses, ' AND '))
                ELSE jsonb_build_object('items', items) END)::text
        WHERE id = r.id;
    END LOOP;
END $$;
