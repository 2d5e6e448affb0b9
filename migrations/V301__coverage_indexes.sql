-- Delivery against an investment line is counted per line (ENDPOINT_DELIVERY, the shortfall report).
CREATE INDEX device_investment_line_idx ON device (investment_line_id);
CREATE INDEX investment_line_category_idx ON investment_line (category);
