//! Reading customers.

use super::{Book, BookError};
use crate::customer::CustomerRecord;

impl Book {
    /// Every customer, by name.
    ///
    /// # Errors
    /// When the book cannot be read.
    pub async fn customers(&self) -> Result<Vec<CustomerRecord>, BookError> {
        let rows =
            sqlx::query!("SELECT code, name, email, consumer FROM customers ORDER BY name, code")
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|row| CustomerRecord {
                code: row.code,
                name: row.name,
                email: row.email,
                consumer: row.consumer != 0,
            })
            .collect())
    }
}
